package io.goauthentik.client.testkit;

import java.util.List;

/**
 * An authentik release the fake can speak, and what its OAuth2 token responses carry: the shapes of
 * that release's schema, as the library module's fixtures ({@code src/test/resources/fixtures/<release>/})
 * show them (and {@code FixtureSchemaTest} checks them against the schema). Immutable.
 */
final class Release {
  /** Oldest first; the last is the default. */
  static final List<String> NAMES = List.of("2024.2.2", "2024.6.3", "2024.10.5", "2025.2.4", "2025.6.4",
      "2025.10.4", "2025.12.6", "2026.2.6", "2026.5.6");
  static final Release LATEST = of(NAMES.get(NAMES.size() - 1));

  private static final List<String> ACTIONS_UP_TO_2025_10 = List.of("cascade", "cascade_many", "set_null",
      "set_default");
  private static final List<String> ACTIONS_FROM_2025_12 = List.of("cascade", "cascade_many", "set_null",
      "set_default", "left_dangling");

  final String name;
  private final int index;

  private Release(String name, int index) {
    this.name = name;
    this.index = index;
  }

  /** The release named exactly so; IllegalArgumentException naming the ones there are otherwise. */
  static Release of(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("the fake speaks the releases " + NAMES + ", not " + name);
    }
    return new Release(name, index);
  }

  private boolean since(String release) {
    return index >= NAMES.indexOf(release);
  }

  /** Up to 2024.8 {@code redirect_uris} is one string, the URLs separated by newlines. */
  boolean redirectUrisAsString() {
    return !since("2024.10.5");
  }

  /** From 2025.12.6 the grant's {@code provider} is the generic Provider, without the OAuth2 fields. */
  boolean genericProvider() {
    return since("2025.12.6");
  }

  /** {@code invalidation_flow}, {@code encryption_key} and {@code jwt_federation_*} (for {@code jwks_sources}). */
  boolean since2024_10() {
    return since("2024.10.5");
  }

  /** {@code User.date_joined} and {@code User.password_change_date}. */
  boolean userDateJoined() {
    return since("2025.2.4");
  }

  /** {@code User.last_updated}, and {@code autocomplete} on list pages. */
  boolean since2025_6() {
    return since("2025.6.4");
  }

  /** {@code backchannel_logout_uri}: 2025.6 only; 2025.10 replaced it with {@code logout_uri} and {@code logout_method}. */
  boolean backchannelLogoutUri() {
    return since("2025.6.4") && !since("2025.10.4");
  }

  /** {@code logout_uri}, {@code logout_method}, {@code refresh_token_threshold}; authentik's email mapping says email_verified false. */
  boolean since2025_10() {
    return since("2025.10.4");
  }

  /** {@code User.roles} and {@code roles_obj}; groups lose {@code parent} and {@code parent_name}. */
  boolean userRoles() {
    return since("2025.12.6");
  }

  /** The values of {@code UsedByActionEnum} in this release: {@code left_dangling} from 2025.12. */
  List<String> usedByActions() {
    return since("2025.12.6") ? ACTIONS_FROM_2025_12 : ACTIONS_UP_TO_2025_10;
  }

  @Override
  public String toString() {
    return name;
  }
}
