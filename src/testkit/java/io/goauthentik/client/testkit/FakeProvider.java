package io.goauthentik.client.testkit;

import java.util.UUID;

/** An OAuth2 provider of the fake and the application it is assigned to, immutable. Never removed. */
final class FakeProvider {
  final int pk;
  final String name;
  final String applicationName;
  final String applicationSlug;
  /** The client_id, the {@code aud} of the id tokens it issues; the generic provider shape does not show it. */
  final String clientId;
  final UUID authorizationFlow;
  final UUID invalidationFlow;
  final UUID authenticationFlow;

  FakeProvider(int pk, String name, String applicationName, String applicationSlug, String clientId,
      UUID authorizationFlow, UUID invalidationFlow, UUID authenticationFlow) {
    this.pk = pk;
    this.name = name;
    this.applicationName = applicationName;
    this.applicationSlug = applicationSlug;
    this.clientId = clientId;
    this.authorizationFlow = authorizationFlow;
    this.invalidationFlow = invalidationFlow;
    this.authenticationFlow = authenticationFlow;
  }
}
