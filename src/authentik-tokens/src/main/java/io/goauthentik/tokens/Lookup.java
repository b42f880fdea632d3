package io.goauthentik.tokens;

import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.model.OAuth2Provider;
import io.goauthentik.client.model.User;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the user or OAuth2 provider a {@link PkOrName} names: a username is an exact,
 * case-sensitive match of {@code GET /core/users/?username=}, a provider name one of
 * {@code GET /providers/oauth2/?name=} (authentik's filters on those fields). No message repeats
 * the name given: it may be a token pasted in the wrong place.
 */
final class Lookup {
  private Lookup() {
  }

  /** The user's pk: the one given, or the pk of the user with that username. */
  static int userPk(AuthentikClient client, PkOrName user) {
    return user.pk != null ? user.pk : user(client, user).getPk();
  }

  /**
   * The user, read by pk or found by username.
   *
   * @throws NotFoundException for no such user (exit code 3)
   * @throws UsageException when more than one user has that username (exit code 2)
   */
  static User user(AuthentikClient client, PkOrName user) {
    if (user.pk != null) {
      User one = client.core().coreUsersRetrieve(user.pk);
      if (one == null || !user.pk.equals(one.getPk())) {
        throw new MalformedResponseException("the answer for user " + user.pk + " is not that user", 200, Map.of());
      }
      return one;
    }
    Optional<User> found;
    try {
      found = client.core().coreUsersList().username(user.name).single();
    } catch (IllegalStateException e) {
      throw new UsageException("more than one user has the username given with --user: give the user's pk");
    }
    User one = found.orElseThrow(() -> notFound("no user has the username given with --user"));
    if (one == null || !user.name.equals(one.getUsername()) || one.getPk() == null) {
      throw ignored("user", "username");
    }
    return one;
  }

  /** The OAuth2 provider's pk: the one given, or the pk of the provider with that name. */
  static int providerPk(AuthentikClient client, PkOrName provider) {
    if (provider.pk != null) {
      return provider.pk;
    }
    Optional<OAuth2Provider> found;
    try {
      found = client.providers().providersOauth2List().name(provider.name).single();
    } catch (IllegalStateException e) {
      throw new UsageException("more than one OAuth2 provider has the name given with --provider: give its pk");
    }
    OAuth2Provider one = found.orElseThrow(() -> notFound("no OAuth2 provider has the name given with --provider"));
    if (one == null || !provider.name.equals(one.getName()) || one.getPk() == null) {
      throw ignored("OAuth2 provider", "name");
    }
    return one.getPk();
  }

  private static NotFoundException notFound(String message) {
    return new NotFoundException(message, Map.of(), null, null);
  }

  /** A server (or a proxy) that ignored the filter: what it answered is someone else. */
  private static MalformedResponseException ignored(String what, String property) {
    return new MalformedResponseException("the " + what + " list asked for one " + property + " answered another (the "
        + "server did not apply the filter)", 200, Map.of());
  }
}
