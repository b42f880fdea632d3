package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import java.util.Map;

/**
 * The look-ups of users and OAuth2 providers the fake answers, read-only, over the users and
 * providers a test added: {@code GET /api/v3/core/users/{pk}/}, {@code GET /api/v3/core/users/}
 * filtered by {@code username} and {@code GET /api/v3/providers/oauth2/} filtered by {@code name},
 * each an exact, case-sensitive match as authentik's filters are; every match on one page. Other
 * filters are ignored. A provider is in the shape the release nests in a grant (from 2025.12 the
 * generic provider).
 */
final class Lookups {
  static final String USERS = "/api/v3/core/users/";
  static final String PROVIDERS = "/api/v3/providers/oauth2/";

  private final FakeState state;
  private final JsonRenderer json;

  Lookups(FakeState state, JsonRenderer json) {
    this.state = state;
    this.json = json;
  }

  /** Whether {@code path} is one of these look-ups. */
  static boolean serves(String path) {
    return path.startsWith(USERS) || path.startsWith(PROVIDERS);
  }

  /** The answer to a GET of {@code path}, already authenticated. */
  Answer answer(String path, Map<String, String> query) {
    JsonArray results = new JsonArray();
    if (path.equals(USERS)) {
      String username = query.get("username");
      state.users().stream().filter(user -> username == null || user.username.equals(username))
          .forEach(user -> results.add(json.user(user)));
    } else if (path.equals(PROVIDERS)) {
      String name = query.get("name");
      state.providers().stream().filter(provider -> name == null || provider.name.equals(name))
          .forEach(provider -> results.add(json.provider(provider)));
    } else if (path.matches(USERS + "[0-9]{1,9}/")) {
      FakeUser user = state.user(Integer.parseInt(path.substring(USERS.length(), path.length() - 1)));
      if (user == null) {
        throw HttpError.detail(404, "No User matches the given query.");
      }
      return new Answer(200, json.toJson(json.user(user)));
    } else {
      throw HttpError.detail(404, "Not found.");
    }
    return new Answer(200, json.toJson(json.onePage(results)));
  }
}
