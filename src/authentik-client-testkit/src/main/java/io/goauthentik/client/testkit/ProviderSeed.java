package io.goauthentik.client.testkit;

import io.goauthentik.client.model.ClientTypeEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OAuth2 provider to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newProvider(String)}:
 * change what the defaults do not fit, then {@link #add()}. The defaults: assigned to an application
 * of the same name (without a leading {@code Provider for }; slug in lower case, such as
 * {@code grafana}), no backchannel application, a confidential client with its own 40-character
 * client_id and 128-character client_secret, one strict redirect URI
 * {@code https://<slug>.example.com/oauth2/callback}, authentik's default flows, scope mappings
 * and validities.
 *
 * <pre>{@code
 * int grafana = fake.newProvider("Provider for Grafana").clientId("grafana")
 *     .redirectUris("https://grafana.example.com/login/generic_oauth").add();
 * }</pre>
 *
 * <p>Releases from 2025.12 send a grant's provider without the OAuth2 fields (client_id, redirect
 * URIs, ...): what is set here then shows only in the id tokens' {@code aud}. Not thread-safe;
 * {@link #add()} is.
 */
public final class ProviderSeed {
  private final FakeState state;
  final String name;
  String application;
  String backchannelApplication;
  ClientTypeEnum clientType = ClientTypeEnum.CONFIDENTIAL;
  String clientId;
  String clientSecret;
  final List<String> redirectUris = new ArrayList<>();

  ProviderSeed(FakeState state, String name) {
    this.state = state;
    this.name = name;
  }

  /**
   * The name of the application the provider is assigned to; by default the provider's name.
   *
   * @param name such as {@code Grafana}; its slug is derived from it
   * @return this seed
   */
  public ProviderSeed application(String name) {
    this.application = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Also assigns the provider to a backchannel application; by default none, and authentik sends
   * {@code null} for {@code assigned_backchannel_application_*}.
   *
   * @param name such as {@code Grafana Sync}
   * @return this seed
   */
  public ProviderSeed backchannelApplication(String name) {
    this.backchannelApplication = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Confidential (with a client secret) or public; confidential by default.
   *
   * @param clientType {@link ClientTypeEnum#CONFIDENTIAL} or {@link ClientTypeEnum#PUBLIC}
   * @return this seed
   * @throws IllegalArgumentException for {@link ClientTypeEnum#UNKNOWN} (see {@link Fault#unknownFieldsAndValues()})
   */
  public ProviderSeed clientType(ClientTypeEnum clientType) {
    if (Objects.requireNonNull(clientType, "clientType") == ClientTypeEnum.UNKNOWN) {
      throw new IllegalArgumentException("UNKNOWN has no wire value; Fault.unknownFieldsAndValues() sends unknown values");
    }
    this.clientType = clientType;
    return this;
  }

  /**
   * The client_id; 40 random letters and digits by default.
   *
   * @param clientId not blank
   * @return this seed
   */
  public ProviderSeed clientId(String clientId) {
    this.clientId = requireNonBlank(clientId, "clientId");
    return this;
  }

  /**
   * The client_secret; 128 random letters and digits by default. SDK models never print it.
   *
   * @param clientSecret not blank
   * @return this seed
   */
  public ProviderSeed clientSecret(String clientSecret) {
    this.clientSecret = requireNonBlank(clientSecret, "clientSecret");
    return this;
  }

  /**
   * The strict redirect URIs, replacing the default one. Releases up to 2024.8 send them as one
   * string, separated by newlines; later ones as {@code [{"matching_mode": "strict", "url": ...}]}.
   *
   * @param urls at least one
   * @return this seed
   */
  public ProviderSeed redirectUris(String... urls) {
    if (urls.length == 0) {
      throw new IllegalArgumentException("name at least one redirect URI");
    }
    List<String> given = new ArrayList<>();
    for (String url : urls) {
      given.add(requireNonBlank(url, "a redirect URI"));
    }
    redirectUris.clear();
    redirectUris.addAll(given);
    return this;
  }

  /**
   * Adds the provider to the fake.
   *
   * @return the provider's pk, numbered from 1
   * @throws IllegalArgumentException when the name is blank or taken
   */
  public int add() {
    return state.addProvider(this);
  }

  private static String requireNonBlank(String value, String what) {
    if (Objects.requireNonNull(value, what).isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  /** Shows the name only, never the client secret. */
  @Override
  public String toString() {
    return "ProviderSeed{name=" + name + "}";
  }
}
