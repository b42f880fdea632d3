package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.ClientTypeEnum;
import io.goauthentik.client.model.OAuth2Provider;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link OAuth2Provider} with realistic defaults, from {@link TestModels#provider()}: pk 3,
 * {@code Provider for Grafana} assigned to the application {@code Grafana} (slug {@code grafana}), a
 * confidential client with a fixed 40-character client_id and 128-character client_secret, the
 * redirect URI {@code https://grafana.example.com/login/generic_oauth} (strict), authentik's
 * default flows, scope mappings and validities. {@link #generic()} makes it the generic Provider
 * that releases from 2025.12 send in a token.
 */
public final class OAuth2ProviderBuilder extends ModelBuilder<OAuth2Provider, OAuth2ProviderBuilder> {
  /** What only an OAuth2Provider has: the generic Provider of 2025.12 and later lacks all of it. */
  private static final List<String> OAUTH2_ONLY = List.of("client_type", "grant_types", "client_id", "client_secret",
      "access_code_validity", "access_token_validity", "refresh_token_validity", "refresh_token_threshold",
      "include_claims_in_id_token", "signing_key", "encryption_key", "redirect_uris", "backchannel_logout_uri",
      "logout_uri", "logout_method", "sub_mode", "issuer_mode", "jwks_sources", "jwt_federation_sources",
      "jwt_federation_providers");

  OAuth2ProviderBuilder() {
    json.addProperty("pk", 3);
    json.addProperty("name", "Provider for Grafana");
    json.addProperty("authentication_flow", Json.uuid("flow", "default-authentication-flow").toString());
    json.addProperty("authorization_flow", Json.uuid("flow", "default-provider-authorization-implicit-consent").toString());
    json.addProperty("invalidation_flow", Json.uuid("flow", "default-provider-invalidation-flow").toString());
    json.add("property_mappings", Json.strings(List.of(Json.uuid("scope", "openid"), Json.uuid("scope", "email"),
        Json.uuid("scope", "profile"), Json.uuid("scope", "offline_access"))));
    json.addProperty("component", "ak-provider-oauth2-form");
    json.addProperty("assigned_application_slug", "grafana");
    json.addProperty("assigned_application_name", "Grafana");
    json.add("assigned_backchannel_application_slug", JsonNull.INSTANCE);
    json.add("assigned_backchannel_application_name", JsonNull.INSTANCE);
    json.addProperty("verbose_name", "OAuth2/OpenID Provider");
    json.addProperty("verbose_name_plural", "OAuth2/OpenID Providers");
    json.addProperty("meta_model_name", "authentik_providers_oauth2.oauth2provider");
    json.addProperty("client_type", "confidential");
    json.add("grant_types", Json.strings(List.of("authorization_code", "refresh_token")));
    json.addProperty("client_id", "Vd8E39pjNOehGdYThG8D45UIXtO4LPdxzixpy9EH");
    json.addProperty("client_secret", "fake" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(2)
        .substring(0, 124));
    json.addProperty("access_code_validity", "minutes=1");
    json.addProperty("access_token_validity", "hours=1");
    json.addProperty("refresh_token_validity", "days=30");
    json.addProperty("refresh_token_threshold", "seconds=0");
    json.addProperty("include_claims_in_id_token", true);
    json.addProperty("signing_key", Json.uuid("certificate", "authentik Self-signed Certificate").toString());
    json.add("encryption_key", JsonNull.INSTANCE);
    redirectUris("https://grafana.example.com/login/generic_oauth");
    json.addProperty("logout_uri", "https://grafana.example.com/logout");
    json.addProperty("logout_method", "backchannel");
    json.addProperty("sub_mode", "hashed_user_id");
    json.addProperty("issuer_mode", "per_provider");
    json.add("jwt_federation_sources", new JsonArray());
    json.add("jwt_federation_providers", new JsonArray());
  }

  /**
   * The pk; 3 by default.
   *
   * @param pk the provider's id
   * @return this builder
   */
  public OAuth2ProviderBuilder pk(int pk) {
    return put("pk", new JsonPrimitive(pk));
  }

  /**
   * The provider's name; {@code Provider for Grafana} by default.
   *
   * @param name such as {@code Provider for Jellyfin}
   * @return this builder
   */
  public OAuth2ProviderBuilder name(String name) {
    return put("name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
  }

  /**
   * The application it is assigned to ({@code assigned_application_name}, and the slug derived from it).
   *
   * @param name such as {@code Jellyfin} (slug {@code jellyfin})
   * @return this builder
   */
  public OAuth2ProviderBuilder application(String name) {
    put("assigned_application_name", new JsonPrimitive(Objects.requireNonNull(name, "name")));
    return put("assigned_application_slug", new JsonPrimitive(Json.slug(name)));
  }

  /**
   * The client_id.
   *
   * @param clientId such as {@code grafana}
   * @return this builder
   */
  public OAuth2ProviderBuilder clientId(String clientId) {
    return put("client_id", new JsonPrimitive(Objects.requireNonNull(clientId, "clientId")));
  }

  /**
   * The client_secret; the model's {@code toString()} never prints it.
   *
   * @param clientSecret any string
   * @return this builder
   */
  public OAuth2ProviderBuilder clientSecret(String clientSecret) {
    return put("client_secret", new JsonPrimitive(Objects.requireNonNull(clientSecret, "clientSecret")));
  }

  /**
   * Confidential or public; confidential by default. For a value this SDK does not know,
   * {@code set("client_type", "...")}.
   *
   * @param clientType any constant but {@link ClientTypeEnum#UNKNOWN}
   * @return this builder
   */
  public OAuth2ProviderBuilder clientType(ClientTypeEnum clientType) {
    return put("client_type", new JsonPrimitive(TestModels.wireValue(clientType,
        clientType == null ? null : clientType.getValue())));
  }

  /**
   * The redirect URIs, each strict, as releases from 2024.10 send them ({@code [{matching_mode, url}]}).
   * For the newline-separated string of older releases, {@code set("redirect_uris", "a\nb")}.
   *
   * @param urls such as {@code https://grafana.example.com/login/generic_oauth}
   * @return this builder
   */
  public OAuth2ProviderBuilder redirectUris(String... urls) {
    JsonArray array = new JsonArray();
    for (String url : urls) {
      JsonObject uri = new JsonObject();
      uri.addProperty("matching_mode", "strict");
      uri.addProperty("url", Objects.requireNonNull(url, "url"));
      array.add(uri);
    }
    return put("redirect_uris", array);
  }

  /**
   * Leaves out every OAuth2-only property (client_id, client_secret, redirect_uris, client_type, the
   * validities, keys, modes, ...), as releases from 2025.12 send a token's provider: the generic
   * Provider. The model's OAuth2 getters then return {@code null}.
   *
   * @return this builder
   */
  public OAuth2ProviderBuilder generic() {
    OAUTH2_ONLY.forEach(this::remove);
    return this;
  }

  @Override
  OAuth2Provider read(JsonReader in) throws IOException {
    return OAuth2Provider.fromJson(in);
  }
}
