package io.goauthentik.client.revocation;

/** One grant to delete: its kind and its id. */
final class TokenId {
  final TokenKind kind;
  final int id;

  TokenId(TokenKind kind, int id) {
    this.kind = kind;
    this.id = id;
  }

  @Override
  public String toString() {
    return kind + " " + id;
  }
}
