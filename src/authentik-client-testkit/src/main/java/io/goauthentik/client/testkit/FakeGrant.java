package io.goauthentik.client.testkit;

import java.time.Instant;
import java.util.List;

/** A refresh token, access token or authorization code of the fake, immutable. */
final class FakeGrant {
  final GrantType type;
  final int pk;
  final int userPk;
  final int providerPk;
  final Instant issued;
  /** When it expires; authentik allows none (null), which orders before every time. */
  final Instant expires;
  final List<String> scope;
  final boolean revoked;
  /** The login it came from: id-token claims shared by the grants of one login. */
  final String nonce;
  final String sid;
  /** A refresh token's id token carries the hash of the access token issued with it; null otherwise. */
  final String atHash;

  FakeGrant(GrantType type, int pk, int userPk, int providerPk, Instant issued, Instant expires, List<String> scope,
      boolean revoked, String nonce, String sid, String atHash) {
    this.type = type;
    this.pk = pk;
    this.userPk = userPk;
    this.providerPk = providerPk;
    this.issued = issued;
    this.expires = expires;
    this.scope = List.copyOf(scope);
    this.revoked = revoked;
    this.nonce = nonce;
    this.sid = sid;
    this.atHash = atHash;
  }
}
