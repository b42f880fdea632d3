package io.goauthentik.client.testkit;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** An OAuth2 provider of the fake and the application it is assigned to, immutable. Never removed. */
final class FakeProvider {
  final int pk;
  final String name;
  final String applicationName;
  final String applicationSlug;
  /** The backchannel application it is assigned to, or null (then authentik sends null). */
  final String backchannelApplicationName;
  final String backchannelApplicationSlug;
  /** {@code ClientTypeEnum}'s wire value: confidential or public. */
  final String clientType;
  /** The client_id, the {@code aud} of the id tokens it issues; the generic provider shape does not show it. */
  final String clientId;
  final String clientSecret;
  /** Strict redirect URIs. */
  final List<String> redirectUris;
  /** Where authentik sends a logout (backchannel_logout_uri in 2025.6, logout_uri from 2025.10): the first redirect URI's origin. */
  final String logoutUri;
  final UUID authorizationFlow;
  final UUID invalidationFlow;
  final UUID authenticationFlow;
  final UUID signingKey;

  FakeProvider(int pk, String name, String applicationName, String backchannelApplicationName, String clientType,
      String clientId, String clientSecret, List<String> redirectUris) {
    this.pk = pk;
    this.name = name;
    this.applicationName = applicationName;
    this.applicationSlug = slugOr(applicationName, "app-" + pk);
    this.backchannelApplicationName = backchannelApplicationName;
    this.backchannelApplicationSlug = backchannelApplicationName == null ? null
        : slugOr(backchannelApplicationName, "backchannel-" + pk);
    this.clientType = clientType;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUris = List.copyOf(redirectUris);
    this.logoutUri = logoutUri(redirectUris.get(0), applicationSlug);
    this.authorizationFlow = Json.uuid("flow", "default-provider-authorization-implicit-consent");
    this.invalidationFlow = Json.uuid("flow", "default-provider-invalidation-flow");
    this.authenticationFlow = Json.uuid("flow", "default-authentication-flow");
    this.signingKey = Json.uuid("certificate", "authentik Self-signed Certificate");
  }

  private static String logoutUri(String redirectUri, String slug) {
    try {
      URI uri = URI.create(redirectUri);
      if (uri.getScheme() != null && uri.getRawAuthority() != null) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/logout";
      }
    } catch (IllegalArgumentException notAUri) {
      // the default below
    }
    return "https://" + slug + ".example.com/logout";
  }

  private static String slugOr(String name, String fallback) {
    String slug = Json.slug(name);
    return slug.isEmpty() ? fallback : slug;
  }
}
