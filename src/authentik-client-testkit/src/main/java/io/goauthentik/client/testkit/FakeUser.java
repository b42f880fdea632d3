package io.goauthentik.client.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user of the fake, immutable. Users are never removed, so a grant's user always exists. */
final class FakeUser {
  final int pk;
  final String username;
  final String name;
  final String email;
  final boolean active;
  final boolean superuser;
  /** {@code UserTypeEnum}'s wire value: internal, external, service_account, internal_service_account. */
  final String type;
  /** authentik's {@code uid}: a SHA-256 in hex, the default {@code sub} of its id tokens. */
  final String uid;
  final UUID uuid;
  final Instant dateJoined;
  /** Null when the user never logged in. */
  final Instant lastLogin;
  final Instant passwordChangeDate;
  final List<FakeGroup> groups;
  final List<FakeGroup> roles;
  final Map<String, String> attributes;

  FakeUser(int pk, String username, String name, String email, boolean active, boolean superuser, String type,
      String uid, UUID uuid, Instant dateJoined, Instant lastLogin, Instant passwordChangeDate, List<FakeGroup> groups,
      List<FakeGroup> roles, Map<String, String> attributes) {
    this.pk = pk;
    this.username = username;
    this.name = name;
    this.email = email;
    this.active = active;
    this.superuser = superuser;
    this.type = type;
    this.uid = uid;
    this.uuid = uuid;
    this.dateJoined = dateJoined;
    this.lastLogin = lastLogin;
    this.passwordChangeDate = passwordChangeDate;
    this.groups = List.copyOf(groups);
    this.roles = List.copyOf(roles);
    this.attributes = Map.copyOf(attributes);
  }

  /** When authentik last saved the user: its last login, else when it joined. */
  Instant lastUpdated() {
    return lastLogin != null ? lastLogin : dateJoined;
  }
}
