package io.goauthentik.client.testkit;

import java.time.Instant;
import java.util.UUID;

/** A user of the fake, immutable. Users are never removed, so a grant's user always exists. */
final class FakeUser {
  final int pk;
  final String username;
  final String name;
  final String email;
  /** authentik's {@code uid}: a SHA-256 in hex, the default {@code sub} of its id tokens. */
  final String uid;
  final UUID uuid;
  final Instant dateJoined;
  final Instant lastLogin;
  final Instant passwordChangeDate;

  FakeUser(int pk, String username, String name, String email, String uid, UUID uuid, Instant dateJoined,
      Instant lastLogin, Instant passwordChangeDate) {
    this.pk = pk;
    this.username = username;
    this.name = name;
    this.email = email;
    this.uid = uid;
    this.uuid = uuid;
    this.dateJoined = dateJoined;
    this.lastLogin = lastLogin;
    this.passwordChangeDate = passwordChangeDate;
  }
}
