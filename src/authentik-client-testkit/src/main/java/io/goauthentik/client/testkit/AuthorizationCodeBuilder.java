package io.goauthentik.client.testkit;

import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.AuthorizationCode;
import java.io.IOException;
import java.time.Duration;

/**
 * Builds an {@link AuthorizationCode} from {@link TestModels#authorizationCode()}: pk 266, of
 * {@link TestModels#user()} at {@link TestModels#provider()}, expiring in a minute (authentik's
 * default), scope {@code openid profile email offline_access}. A code has no {@code id_token} and
 * no {@code revoked}: authentik deletes it once it is exchanged.
 */
public final class AuthorizationCodeBuilder extends GrantBuilder<AuthorizationCode, AuthorizationCodeBuilder> {
  AuthorizationCodeBuilder() {
    super(266, Duration.ofMinutes(1));
  }

  @Override
  AuthorizationCode read(JsonReader in) throws IOException {
    return AuthorizationCode.fromJson(in);
  }
}
