package io.goauthentik.client.spring;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.model.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the health indicator {@code authentik} reports, whichever Spring Boot shows it: UP with the
 * server's release ({@code GET /admin/version/}); when the token may not read that, UP after a
 * cheap call that proves the server answers and takes the token ({@code GET /core/users/me/});
 * DOWN with the reason: the exception's class and the HTTP status, never its message or the token.
 */
final class AuthentikHealth {
  private final AuthentikClient client;

  AuthentikHealth(AuthentikClient client) {
    this.client = client;
  }

  /** True for UP; the details go into {@code details}. */
  boolean check(Map<String, Object> details) {
    details.put("url", client.baseUrl());
    try {
      Version version = client.admin().adminVersionRetrieve();
      details.put("release", version.getVersionCurrent());
      return true;
    } catch (ApiException e) {
      if (e.getCode() != 403 && e.getCode() != 404) {
        return down(details, e);
      }
    } catch (RuntimeException e) {
      return down(details, e);
    }
    try {
      client.core().coreUsersMeRetrieve();
      return true;
    } catch (RuntimeException e) {
      return down(details, e);
    }
  }

  private static boolean down(Map<String, Object> details, RuntimeException e) {
    details.put("error", e.getClass().getName());
    if (e instanceof ApiException && ((ApiException) e).getCode() > 0) {
      details.put("status", ((ApiException) e).getCode());
    }
    return false;
  }

  static Map<String, Object> newDetails() {
    return new LinkedHashMap<>();
  }
}
