package io.goauthentik.client.revocation;

/**
 * The three kinds of OAuth2 grant authentik keeps per user and provider, each with its own list,
 * retrieve, destroy and used_by operations and its own id sequence (a refresh token and an access
 * token may have the same id).
 */
public enum TokenKind {
  /** A refresh token ({@code /oauth2/refresh_tokens/}): mints new access tokens until it expires, 30 days by default. */
  REFRESH_TOKEN,
  /** An access token ({@code /oauth2/access_tokens/}): what a client sends to APIs, an hour by default. */
  ACCESS_TOKEN,
  /** An authorization code ({@code /oauth2/authorization_codes/}): exchanged once for tokens, a minute by default. */
  AUTHORIZATION_CODE
}
