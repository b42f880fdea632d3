package io.goauthentik.client.testkit;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides the answer to a request the way authentik's API does: the twelve OAuth2 token operations
 * here (routing first, an unknown path is a 404 {@code {"detail": "Not found."}}, then the API
 * token (403), then the method (405), then the operation), every other operation of the release by
 * {@link Resources}. It also counts the DELETEs of grants in flight and runs the
 * {@link FakeAuthentik.DeleteHook}. Thread-safe: the HTTP server calls it from many threads.
 */
final class Router {
  private static final String API = "/api/v3";
  private static final String PREFIX = "/api/v3/oauth2/";

  private final FakeState state;
  private final Resources resources;
  private final JsonRenderer json;
  private final String token;
  private final String readOnlyToken;
  private final AtomicInteger deletesInFlight = new AtomicInteger();
  private final AtomicInteger maxDeletesInFlight = new AtomicInteger();
  private volatile FakeAuthentik.DeleteHook deleteHook = (kind, pk) -> { };

  Router(FakeState state, Resources resources, JsonRenderer json, String token, String readOnlyToken) {
    this.state = state;
    this.resources = resources;
    this.json = json;
    this.token = token;
    this.readOnlyToken = readOnlyToken;
  }

  void deleteHook(FakeAuthentik.DeleteHook hook) {
    this.deleteHook = hook;
  }

  int maxDeletesInFlight() {
    return maxDeletesInFlight.get();
  }

  /** The answer to one request: what authentik would send, errors included. */
  Answer answer(String method, URI uri, String authorization, String body) {
    try {
      String path = uri.getRawPath();
      if (path.startsWith(PREFIX) && path.endsWith("/") && GrantType.byPath(path.substring(PREFIX.length()).split("/")[0]) != null) {
        return route(method, uri, authorization);
      }
      if (!path.startsWith(API + "/")) {
        throw HttpError.detail(404, "Not found.");
      }
      boolean mayWrite = authenticate(authorization);
      if (!mayWrite && !method.equals("GET") && !method.equals("HEAD")) {
        throw HttpError.detail(403, "You do not have permission to perform this action.");
      }
      return resources.answer(method, path.substring(API.length()), queryValues(uri.getRawQuery()), body);
    } catch (HttpError e) {
      return new Answer(e.status, json.toJson(e.body));
    }
  }

  private Answer route(String method, URI uri, String authorization) {
    String path = uri.getRawPath();
    if (!path.startsWith(PREFIX) || !path.endsWith("/")) {
      throw HttpError.detail(404, "Not found.");
    }
    String[] segments = path.substring(PREFIX.length(), path.length() - 1).split("/", -1);
    GrantType type = GrantType.byPath(segments[0]);
    if (type == null || segments.length > 3 || segments.length == 3 && !segments[2].equals("used_by")) {
      throw HttpError.detail(404, "Not found.");
    }
    boolean mayDelete = authenticate(authorization);
    if (segments.length == 1) {
      allow(method, "GET");
      return list(type, query(uri.getRawQuery()));
    }
    if (segments.length == 3) {
      allow(method, "GET");
      FakeGrant grant = find(type, segments[1]);
      return new Answer(200, json.toJson(state.usedBy(type, grant.pk)));
    }
    if (method.equals("DELETE")) {
      return delete(type, segments[1], mayDelete);
    }
    allow(method, "GET");
    FakeGrant grant = find(type, segments[1]);
    Instant now = state.now();
    return new Answer(200, json.toJson(current(json.grant(grant, state.user(grant.userPk), state.provider(grant.providerPk), now))));
  }

  /** The grant with its user and provider as they are now, changed through the API or not. */
  private JsonObject current(JsonObject grant) {
    resources.overlay("/core/users/", grant.getAsJsonObject("user"));
    resources.overlay("/providers/oauth2/", grant.getAsJsonObject("provider"));
    return grant;
  }

  /** Whether the token may delete; throws 403 as authentik's TokenAuthentication does (DRF turns its 401 into 403). */
  private boolean authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw HttpError.detail(403, "Authentication credentials were not provided.");
    }
    String sent = authorization.substring(7).trim();
    if (sent.equals(token)) {
      return true;
    }
    if (sent.equals(readOnlyToken)) {
      return false;
    }
    throw HttpError.detail(403, "Token invalid/expired");
  }

  private Answer list(GrantType type, Map<String, String> query) {
    Listing listing = Listing.of(type, state.grants(type), query, state);
    JsonObject page = json.page(listing, state, state.now());
    page.getAsJsonArray("results").forEach(grant -> current(grant.getAsJsonObject()));
    return new Answer(200, json.toJson(page));
  }

  private Answer delete(GrantType type, String id, boolean mayDelete) {
    // Counted until the answer is decided, before it is sent: a client that has its answer may
    // start the next DELETE at once, and that one must not count as overlapping this one.
    int inFlight = deletesInFlight.incrementAndGet();
    maxDeletesInFlight.accumulateAndGet(inFlight, Math::max);
    try {
      runHook(type, id);
      if (!mayDelete) {
        throw HttpError.detail(403, "You do not have permission to perform this action.");
      }
      FakeGrant grant = find(type, id);
      if (!state.remove(type, grant.pk)) {
        throw notFound(type); // deleted by another request since find
      }
      return new Answer(204, null);
    } finally {
      deletesInFlight.decrementAndGet();
    }
  }

  private void runHook(GrantType type, String id) {
    try {
      deleteHook.beforeDelete(type.kind, Integer.parseInt(id));
    } catch (NumberFormatException e) {
      // not a grant's id: find answers 404
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the fake is closing
    }
  }

  /** The grant with that id; 404 as DRF's get_object answers: the model's name for a number, "Not found." for the rest. */
  private FakeGrant find(GrantType type, String id) {
    int pk;
    try {
      pk = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw HttpError.detail(404, "Not found.");
    }
    FakeGrant grant = state.grant(type, pk);
    if (grant == null) {
      throw notFound(type);
    }
    return grant;
  }

  private static HttpError notFound(GrantType type) {
    return HttpError.detail(404, "No " + type.model + " matches the given query.");
  }

  private static void allow(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw HttpError.detail(405, "Method \"" + method + "\" not allowed.");
    }
  }

  /** Every value of each query parameter, in order. */
  private static Map<String, List<String>> queryValues(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  /** The query parameters; like Django's QueryDict.get, the last value of a repeated name wins. */
  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    queryValues(raw).forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
    return query;
  }
}
