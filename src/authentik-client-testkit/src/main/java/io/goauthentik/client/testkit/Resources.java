package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every operation of one release, from its schema ({@link Contract}): each resource with list,
 * create, retrieve, (partial) update and destroy keeps its objects; a few operations do what
 * authentik does beyond storage (users/me, group membership, set_password, view_key,
 * admin/version); every other operation answers an example of its response schema. Thread-safe:
 * every method holds this object's lock.
 */
final class Resources {
  /** What authentik keeps unique where users meet it, beyond the lookup field of a resource. */
  private static final Map<String, String> UNIQUE = Map.of("/core/users/", "username", "/core/groups/", "name",
      "/core/applications/", "slug", "/flows/instances/", "slug");
  /** Tables whose rows share one id sequence in authentik (the subclasses of one model). */
  private static final Set<String> SHARED_SEQUENCES = Set.of("providers", "sources", "stages", "policies",
      "propertymappings", "outposts");

  private final Contract contract;
  private final Schemas schemas;
  private final Random random;
  private final Supplier<Instant> now;
  /** By collection path, such as {@code /core/users/}. */
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Integer> sequences = new HashMap<>();
  /** Group pk to the pks of its users: both sides (user.groups, group.users) read it. */
  private final Map<String, Set<Integer>> members = new LinkedHashMap<>();
  /** A token's identifier to its key, which view_key reveals. */
  private final Map<String, String> tokenKeys = new HashMap<>();
  private Integer tokenUser;

  Resources(Contract contract, Random random, Supplier<Instant> now) {
    this.contract = contract;
    this.random = random;
    this.now = now;
    this.schemas = new Schemas(contract, random, now);
    for (Contract.Operation op : contract.operations) {
      if (op.method.equals("GET") && op.responseSchema != null
          && schemas.properties(op.responseSchema).has("results") && schemas.properties(op.responseSchema).has("pagination")) {
        tables.put(op.path, new Table(op));
      }
    }
    for (Contract.Operation op : contract.operations) {
      for (Table table : tables.values()) {
        if (op.path.startsWith(table.path) && op.pathParameters.size() == 1
            && op.path.equals(table.path + "{" + op.pathParameters.get(0) + "}/")) {
          table.item(op);
        } else if (op.path.equals(table.path) && op.method.equals("POST")) {
          table.create = op;
        }
      }
    }
    tables.values().forEach(Table::settle);
  }

  Schemas schemas() {
    return schemas;
  }

  /** The table at a collection path, or null. */
  Table table(String path) {
    return tables.get(path);
  }

  List<Table> tables() {
    return List.copyOf(tables.values());
  }

  /** The user {@code core/users/me} answers: set by {@link FakeAuthentik#tokenUser}, else the first superuser, else the first user. */
  synchronized void tokenUser(Integer pk) {
    this.tokenUser = pk;
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  /** The answer to a request whose path is below {@code /api/v3}. */
  synchronized Answer answer(String method, String path, Map<String, List<String>> query, String body) {
    Contract.Match match = contract.match(method, path);
    if (match == null) {
      throw HttpError.detail(404, "Not found.");
    }
    if (match.operation == null) {
      throw HttpError.detail(405, "Method \"" + method + "\" not allowed.");
    }
    Contract.Operation op = match.operation;
    String id = match.pathValues.isEmpty() ? null : match.pathValues.values().iterator().next();
    switch (op.method + " " + op.path) {
      case "GET /core/users/me/":
        return json(200, me());
      case "GET /admin/version/":
        return json(200, version(op));
      case "POST /core/groups/{group_uuid}/add_user/":
      case "POST /core/groups/{group_uuid}/remove_user/":
        return membership(op, id, body, op.path.endsWith("add_user/"));
      case "POST /core/users/{id}/set_password/":
        return setPassword(op, id, body);
      case "GET /core/tokens/{identifier}/view_key/":
        return viewKey(id);
      default:
        break;
    }
    Table table = tables.get(op.path);
    if (table != null) {
      return op.method.equals("GET") ? json(200, list(table, op, query)) : json(op.status, create(table, op, body));
    }
    for (Table t : tables.values()) {
      if (op == t.retrieve || op == t.update || op == t.partialUpdate || op == t.destroy) {
        return item(t, op, id, body);
      }
    }
    return other(op, path, body);
  }

  private Answer item(Table table, Contract.Operation op, String id, String body) {
    JsonObject row = find(table, id);
    switch (op.method) {
      case "GET":
        return json(200, render(table, row));
      case "DELETE":
        table.rows.remove(key(table, row));
        forget(table, row);
        return new Answer(204, null);
      default:
        JsonObject sent = parse(body);
        boolean partial = op.method.equals("PATCH");
        require(schemas.errors(op.requestSchema, sent, partial));
        JsonObject updated = row.deepCopy();
        JsonObject properties = schemas.properties(table.schema);
        for (Map.Entry<String, JsonElement> field : sent.entrySet()) {
          JsonElement p = properties.get(field.getKey());
          if (p != null && !Schemas.isTrue(schemas.resolve(p), "readOnly")) {
            updated.add(field.getKey(), field.getValue().deepCopy());
          }
        }
        unique(table, updated, key(table, row));
        stamp(updated, properties, "last_updated");
        if (!key(table, updated).equals(key(table, row))) {
          table.rows.remove(key(table, row));
        }
        table.rows.put(key(table, updated), updated);
        remember(table, updated, sent);
        return json(200, render(table, updated));
    }
  }

  /** An operation that is neither storage nor one of the behaviours above: its item must exist, its body be valid. */
  private Answer other(Contract.Operation op, String path, String body) {
    for (Table table : tables.values()) {
      if (table.itemPath != null && !op.pathParameters.isEmpty() && op.path.startsWith(table.itemPath)) {
        String id = path.substring(table.path.length()).split("/", 2)[0];
        find(table, java.net.URLDecoder.decode(id, java.nio.charset.StandardCharsets.UTF_8));
        break;
      }
    }
    if (op.requestSchema != null && body != null && !body.isBlank()) {
      JsonElement sent = parseAny(body);
      if (schemas.resolve(op.requestSchema).has("properties") || schemas.resolve(op.requestSchema).has("allOf")) {
        require(schemas.errors(op.requestSchema, sent, op.method.equals("PATCH")));
      }
    }
    if (op.responseSchema == null) {
      return new Answer(op.status == 200 ? 204 : op.status, null);
    }
    return new Answer(op.status, Json.COMPACT.toJson(schemas.example(op.responseSchema, null)));
  }

  /** Replaces the properties of {@code object} with those of the stored object with its pk, where both have them. */
  synchronized void overlay(String path, JsonObject object) {
    Table table = tables.get(path);
    JsonObject row = table == null || object == null || !object.has("pk") ? null : table.rows.get(object.get("pk").getAsString());
    if (row != null) {
      JsonObject rendered = render(table, row);
      for (String name : List.copyOf(object.keySet())) {
        if (rendered.has(name) && !name.endsWith("_obj")) {
          object.add(name, rendered.get(name));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Storage

  /** A new object through the API (or a seed): validated, unique, its pk and read-only fields filled. */
  synchronized JsonObject create(Table table, Contract.Operation op, String body) {
    JsonObject sent = parse(body);
    if (op != null) {
      require(schemas.errors(op.requestSchema, sent, false));
    }
    JsonObject row = complete(table, sent, false);
    unique(table, row, null);
    table.rows.put(key(table, row), row);
    remember(table, row, sent);
    return render(table, row);
  }

  /**
   * Stores an object a typed seed built, as a create through the API would: a 400 ({@link HttpError})
   * for what the release's request schema rejects or a duplicate; read-only properties it sets are kept.
   */
  synchronized JsonObject add(Table table, JsonObject object) {
    if (table.create != null) {
      require(schemas.errors(table.create.requestSchema, object, false));
    }
    unique(table, object, null);
    return put(table, object);
  }

  /** Whether the list at {@code collection} holds an object whose lookup value (pk, slug, ...) is {@code key}. */
  synchronized boolean contains(String collection, String key) {
    Table table = tables.get(collection);
    return table != null && table.rows.containsKey(key);
  }

  /** Stores a seeded object as it is (its pk given), completing what it lacks; replaces one with the same key. */
  synchronized JsonObject put(Table table, JsonObject object) {
    JsonObject row = complete(table, object, true);
    table.rows.put(key(table, row), row);
    remember(table, row, object);
    return render(table, row);
  }

  /** The object with every property of its schema; a seed ({@code seeded}) may set read-only ones too. */
  private JsonObject complete(Table table, JsonObject sent, boolean seeded) {
    JsonObject properties = schemas.properties(table.schema);
    JsonObject row = new JsonObject();
    for (Map.Entry<String, JsonElement> p : properties.entrySet()) {
      String name = p.getKey();
      JsonObject s = schemas.resolve(p.getValue());
      boolean readOnly = Schemas.isTrue(s, "readOnly") || Schemas.isTrue(p.getValue().getAsJsonObject(), "readOnly");
      if (sent.has(name) && (!readOnly || seeded)) {
        row.add(name, sent.get(name).deepCopy());
      } else if (name.equals("pk")) {
        row.add(name, newPk(table, s));
      } else if (!readOnly && s.has("default")) {
        row.add(name, s.get("default").deepCopy());
      } else if (!readOnly && (Schemas.isTrue(s, "nullable") || Schemas.isTrue(p.getValue().getAsJsonObject(), "nullable"))) {
        row.add(name, JsonNull.INSTANCE);
      } else if (name.endsWith("_obj")) {
        row.add(name, JsonNull.INSTANCE); // resolved when rendered
      } else {
        row.add(name, schemas.example(p.getValue(), name));
      }
    }
    for (String time : new String[] {"created", "date_joined", "last_updated", "password_change_date"}) {
      if (!sent.has(time)) {
        stamp(row, properties, time);
      }
    }
    if (properties.has("avatar") && !sent.has("avatar") && row.has("name") && row.get("name").isJsonPrimitive()) {
      row.addProperty("avatar", Json.avatar(row.get("name").getAsString()));
    }
    return row;
  }

  private void stamp(JsonObject row, JsonObject properties, String name) {
    if (properties.has(name)) {
      row.add(name, Json.time(now.get()));
    }
  }

  private JsonElement newPk(Table table, JsonObject schema) {
    if ("integer".equals(schema.has("type") ? schema.get("type").getAsString() : "")) {
      return new JsonPrimitive(nextPk(table.path));
    }
    return new JsonPrimitive(schemas.string(schema, "pk"));
  }

  /** The next integer id of the table the path's rows live in (providers of every kind share one). */
  synchronized int nextPk(String path) {
    String first = path.split("/")[1];
    String sequence = SHARED_SEQUENCES.contains(first) ? first : path;
    return sequences.merge(sequence, 1, Integer::sum);
  }

  /** Makes sure a seeded id is not handed out again. */
  synchronized void reservePk(String path, int pk) {
    String first = path.split("/")[1];
    String sequence = SHARED_SEQUENCES.contains(first) ? first : path;
    sequences.merge(sequence, pk, Math::max);
  }

  private void unique(Table table, JsonObject row, String ownKey) {
    List<String> fields = new ArrayList<>();
    if (UNIQUE.containsKey(table.path)) {
      fields.add(UNIQUE.get(table.path));
    }
    if (!table.lookup.equals("pk") && !fields.contains(table.lookup)) {
      fields.add(table.lookup);
    }
    JsonObject errors = new JsonObject();
    for (String field : fields) {
      for (Map.Entry<String, JsonObject> other : table.rows.entrySet()) {
        if (!other.getKey().equals(ownKey) && row.has(field) && row.get(field).equals(other.getValue().get(field))) {
          HttpError.addFieldError(errors, field, table.path.equals("/core/users/") && field.equals("username")
              ? "A user with that username already exists."
              : table.modelName() + " with this " + field + " already exists.");
        }
      }
    }
    require(errors);
  }

  /** The stored object; 404 as DRF's get_object answers for an id of the right kind. */
  private JsonObject find(Table table, String id) {
    JsonObject row = table.rows.get(id);
    if (row == null) {
      throw HttpError.detail(404, "No " + (table.schemaName == null ? "object" : table.schemaName) + " matches the given query.");
    }
    return row;
  }

  private String key(Table table, JsonObject row) {
    JsonElement value = row.get(table.lookup);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  /** Keeps what lives beside the row: group membership from either side, a token's key. */
  private void remember(Table table, JsonObject row, JsonObject sent) {
    if (table.path.equals("/core/users/") && sent.has("groups") && sent.get("groups").isJsonArray()) {
      int user = row.get("pk").getAsInt();
      members.values().forEach(users -> users.remove(user));
      sent.getAsJsonArray("groups").forEach(g -> members.computeIfAbsent(g.getAsString(), k -> new LinkedHashSet<>()).add(user));
    }
    if (table.path.equals("/core/groups/") && sent.has("users") && sent.get("users").isJsonArray()) {
      Set<Integer> users = members.computeIfAbsent(row.get("pk").getAsString(), k -> new LinkedHashSet<>());
      users.clear();
      sent.getAsJsonArray("users").forEach(u -> users.add(u.getAsInt()));
    }
    if (table.path.equals("/core/tokens/")) {
      String key = sent.has("key") && sent.get("key").isJsonPrimitive() ? sent.get("key").getAsString() : null;
      tokenKeys.put(key(table, row), key != null ? key : schemas.string(new JsonObject(), "key"));
    }
  }

  private void forget(Table table, JsonObject row) {
    if (table.path.equals("/core/users/")) {
      int user = row.get("pk").getAsInt();
      members.values().forEach(users -> users.remove(user));
    } else if (table.path.equals("/core/groups/")) {
      members.remove(row.get("pk").getAsString());
    } else if (table.path.equals("/core/tokens/")) {
      tokenKeys.remove(key(table, row));
    }
  }

  /** The row as the release sends it: membership from both sides, {@code *_obj} resolved from what is stored. */
  private JsonObject render(Table table, JsonObject row) {
    JsonObject out = row.deepCopy();
    if (table.path.equals("/core/users/") && out.has("groups")) {
      JsonArray groups = new JsonArray();
      int user = out.get("pk").getAsInt();
      members.forEach((group, users) -> {
        if (users.contains(user) && tables.get("/core/groups/").rows.containsKey(group)) {
          groups.add(group);
        }
      });
      out.add("groups", groups);
    }
    if (table.path.equals("/core/groups/") && out.has("users")) {
      JsonArray users = new JsonArray();
      members.getOrDefault(out.get("pk").getAsString(), Set.of()).forEach(users::add);
      out.add("users", users);
    }
    JsonObject properties = schemas.properties(table.schema);
    for (Map.Entry<String, JsonElement> p : properties.entrySet()) {
      String name = p.getKey();
      if (name.endsWith("_obj") && out.has(name.substring(0, name.length() - 4))) {
        out.add(name, related(name.substring(0, name.length() - 4), out.get(name.substring(0, name.length() - 4)),
            p.getValue(), out.get(name)));
      }
    }
    return out;
  }

  /** {@code groups_obj} from {@code groups}: the stored objects those ids name, in the shape the property has. */
  private JsonElement related(String base, JsonElement ids, JsonElement schema, JsonElement before) {
    JsonObject s = schemas.resolve(schema);
    boolean many = "array".equals(s.has("type") ? s.get("type").getAsString() : "");
    JsonElement target = many ? s.get("items") : schema;
    if (ids == null || ids.isJsonNull()) {
      return many && !Schemas.isTrue(s, "nullable") ? new JsonArray() : JsonNull.INSTANCE;
    }
    if (many) {
      JsonArray out = new JsonArray();
      if (ids.isJsonArray()) {
        for (JsonElement id : ids.getAsJsonArray()) {
          JsonObject found = lookup(base, id, target);
          if (found != null) {
            out.add(found);
          }
        }
      }
      return out;
    }
    JsonObject found = lookup(base, ids, target);
    return found != null ? found : before != null && !before.isJsonNull() ? before : schemas.example(target, base);
  }

  private JsonObject lookup(String base, JsonElement id, JsonElement target) {
    if (!id.isJsonPrimitive()) {
      return null;
    }
    String name = Contract.refName(target);
    JsonObject targetProperties = schemas.properties(target);
    String singular = base.endsWith("s") ? base.substring(0, base.length() - 1) : base;
    Table best = null;
    for (Table table : tables.values()) {
      if (!table.rows.containsKey(id.getAsString())) {
        continue;
      }
      boolean sameModel = name != null && name.equals(table.schemaName);
      boolean fits = schemas.properties(table.schema).keySet().containsAll(schemas.required(target));
      boolean named = table.path.contains("/" + singular);
      if (sameModel && named || best == null && (sameModel || fits && named)) {
        best = table;
      }
    }
    if (best == null) {
      return null;
    }
    JsonObject row = best.rows.get(id.getAsString());
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> p : targetProperties.entrySet()) {
      out.add(p.getKey(), row.has(p.getKey()) && !p.getKey().endsWith("_obj") ? row.get(p.getKey()).deepCopy()
          : schemas.example(p.getValue(), p.getKey()));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Lists

  private JsonObject list(Table table, Contract.Operation op, Map<String, List<String>> query) {
    List<JsonObject> rows = new ArrayList<>();
    table.rows.values().forEach(row -> rows.add(render(table, row)));
    JsonObject properties = schemas.properties(table.schema);
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      String name = parameter.getKey();
      List<String> values = parameter.getValue();
      if (!op.queryParameters.containsKey(name) || values.isEmpty() || values.get(values.size() - 1).isEmpty()) {
        continue;
      }
      if (name.equals("search")) {
        String needle = values.get(values.size() - 1).toLowerCase(Locale.ROOT);
        rows.removeIf(row -> !mentions(row, needle));
        continue;
      }
      int split = name.indexOf("__");
      String field = split < 0 ? name : name.substring(0, split);
      String how = split < 0 ? "exact" : name.substring(split + 2);
      if (properties.has(field)) {
        rows.removeIf(row -> !matches(row.get(field), values, how));
      }
    }
    List<String> ordering = query.getOrDefault("ordering", List.of());
    if (!ordering.isEmpty()) {
      Comparator<JsonObject> order = null;
      for (String term : ordering.get(ordering.size() - 1).split(",")) {
        boolean descending = term.trim().startsWith("-");
        String field = descending ? term.trim().substring(1) : term.trim();
        if (properties.has(field)) {
          Comparator<JsonObject> one = Comparator.comparing(row -> row.get(field), Resources::compare);
          order = order == null ? (descending ? one.reversed() : one) : order.thenComparing(descending ? one.reversed() : one);
        }
      }
      if (order != null) {
        rows.sort(order);
      }
    }
    return page(op, rows, last(query, "page"), last(query, "page_size"));
  }

  private static String last(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static boolean mentions(JsonObject row, String needle) {
    for (Map.Entry<String, JsonElement> field : row.entrySet()) {
      JsonElement v = field.getValue();
      if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() && !field.getKey().equals("avatar")
          && v.getAsString().toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** django-filter's lookups on one field; a list field matches when it holds the value. */
  private static boolean matches(JsonElement value, List<String> wanted, String how) {
    if (value == null || value.isJsonNull()) {
      return how.equals("isnull") && wanted.get(wanted.size() - 1).equals("true");
    }
    if (value.isJsonArray()) {
      for (JsonElement each : value.getAsJsonArray()) {
        if (matches(each, wanted, how)) {
          return true;
        }
      }
      return false;
    }
    if (!value.isJsonPrimitive()) {
      return true; // an object: the fake does not filter on it
    }
    String text = value.getAsString();
    String last = wanted.get(wanted.size() - 1);
    switch (how) {
      case "iexact":
        return text.equalsIgnoreCase(last);
      case "icontains":
        return text.toLowerCase(Locale.ROOT).contains(last.toLowerCase(Locale.ROOT));
      case "contains":
        return text.contains(last);
      case "startswith":
        return text.startsWith(last);
      case "isnull":
        return last.equals("false");
      case "in": {
        for (String each : wanted) {
          for (String one : each.split(",")) {
            if (one.equals(text)) {
              return true;
            }
          }
        }
        return false;
      }
      case "exact":
        return wanted.contains(text) || wanted.stream().anyMatch(w -> w.equalsIgnoreCase(text) && value.getAsJsonPrimitive().isBoolean());
      default:
        return true; // a lookup the fake does not know (gt, lt, ...): not filtered
    }
  }

  private static int compare(JsonElement a, JsonElement b) {
    boolean aNull = a == null || a.isJsonNull();
    boolean bNull = b == null || b.isJsonNull();
    if (aNull || bNull) {
      return aNull == bNull ? 0 : aNull ? -1 : 1;
    }
    if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber() && b.getAsJsonPrimitive().isNumber()) {
      return Double.compare(a.getAsDouble(), b.getAsDouble());
    }
    return a.toString().compareTo(b.toString());
  }

  /** authentik's page: {@code pagination} (next and previous 0 when there is none) and {@code results}, plus what the release's page has. */
  private JsonObject page(Contract.Operation op, List<JsonObject> rows, String page, String pageSize) {
    int size = Listing.DEFAULT_PAGE_SIZE;
    try {
      size = pageSize == null ? size : Math.max(1, Integer.parseInt(pageSize.trim()));
    } catch (NumberFormatException e) {
      // the default, as DRF does
    }
    int count = rows.size();
    int totalPages = count == 0 ? 1 : (count + size - 1) / size;
    int number;
    try {
      number = page == null || page.isEmpty() ? 1 : page.equals("last") ? totalPages : Integer.parseInt(page);
    } catch (NumberFormatException e) {
      throw HttpError.detail(404, "Invalid page.");
    }
    if (number < 1 || number > totalPages) {
      throw HttpError.detail(404, "Invalid page.");
    }
    int from = Math.min((number - 1) * size, count);
    int to = Math.min(from + size, count);
    JsonObject pagination = Json.pagination(number < totalPages ? number + 1 : 0, number > 1 ? number - 1 : 0, count,
        number, totalPages, count == 0 ? 0 : from + 1, to);
    JsonObject out = new JsonObject();
    out.add("pagination", pagination);
    JsonArray results = new JsonArray();
    rows.subList(from, to).forEach(results::add);
    out.add("results", results);
    for (Map.Entry<String, JsonElement> p : schemas.properties(op.responseSchema).entrySet()) {
      if (!out.has(p.getKey())) {
        out.add(p.getKey(), p.getKey().equals("autocomplete") ? new JsonObject() : schemas.example(p.getValue(), p.getKey()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Behaviour beyond storage

  private JsonObject me() {
    Table users = tables.get("/core/users/");
    JsonObject user = null;
    if (tokenUser != null) {
      user = users.rows.get(tokenUser.toString());
    }
    for (JsonObject row : users.rows.values()) {
      if (user == null && row.has("is_superuser") && row.get("is_superuser").getAsBoolean()) {
        user = row;
      }
    }
    if (user == null && !users.rows.isEmpty()) {
      user = users.rows.values().iterator().next();
    }
    if (user == null) {
      throw HttpError.detail(403, "Token invalid/expired"); // no user owns the token yet
    }
    JsonObject rendered = render(users, user);
    JsonElement selfSchema = schemas.properties(contract.match("GET", "/core/users/me/").operation.responseSchema).get("user");
    JsonObject self = new JsonObject();
    for (Map.Entry<String, JsonElement> p : schemas.properties(selfSchema).entrySet()) {
      JsonElement value = rendered.get(p.getKey());
      self.add(p.getKey(), value != null ? value
          : p.getKey().equals("settings") || p.getKey().equals("system_permissions") ? schemas.example(p.getValue(), null)
          : schemas.example(p.getValue(), p.getKey()));
    }
    JsonObject out = new JsonObject();
    out.add("user", self);
    return out;
  }

  private JsonObject version(Contract.Operation op) {
    JsonObject out = schemas.example(op.responseSchema, null).getAsJsonObject();
    out.addProperty("version_current", contract.release);
    if (out.has("version_latest")) {
      out.addProperty("version_latest", contract.release);
      out.addProperty("version_latest_valid", true);
      out.addProperty("outdated", false);
    }
    if (out.has("build_hash")) {
      out.addProperty("build_hash", "");
    }
    if (out.has("outpost_outdated")) {
      out.addProperty("outpost_outdated", false);
    }
    return out;
  }

  private Answer membership(Contract.Operation op, String group, String body, boolean add) {
    find(tables.get("/core/groups/"), group);
    JsonObject sent = parse(body);
    require(schemas.errors(op.requestSchema, sent, false));
    JsonObject user = tables.get("/core/users/").rows.get(sent.get("pk").getAsString());
    if (user == null) {
      throw HttpError.detail(404, "Not found.");
    }
    Set<Integer> users = members.computeIfAbsent(group, k -> new LinkedHashSet<>());
    if (add) {
      users.add(user.get("pk").getAsInt());
    } else {
      users.remove(user.get("pk").getAsInt());
    }
    return new Answer(204, null);
  }

  private Answer setPassword(Contract.Operation op, String id, String body) {
    Table users = tables.get("/core/users/");
    JsonObject user = find(users, id);
    require(schemas.errors(op.requestSchema, parse(body), false));
    stamp(user, schemas.properties(users.schema), "password_change_date");
    return new Answer(204, null);
  }

  private Answer viewKey(String identifier) {
    find(tables.get("/core/tokens/"), identifier);
    JsonObject out = new JsonObject();
    out.addProperty("key", tokenKeys.computeIfAbsent(identifier, k -> schemas.string(new JsonObject(), "key")));
    return json(200, out);
  }

  // ---------------------------------------------------------------------------------------------

  private static Answer json(int status, JsonElement body) {
    return new Answer(status, Json.COMPACT.toJson(body));
  }

  private static void require(JsonObject errors) {
    if (errors.size() > 0) {
      throw HttpError.validation(errors);
    }
  }

  private static JsonObject parse(String body) {
    JsonElement parsed = parseAny(body);
    if (!parsed.isJsonObject()) {
      JsonObject errors = new JsonObject();
      HttpError.addFieldError(errors, "non_field_errors", "Invalid data. Expected a dictionary, but got "
          + (parsed.isJsonArray() ? "list" : "str") + ".");
      throw HttpError.validation(errors);
    }
    return parsed.getAsJsonObject();
  }

  private static JsonElement parseAny(String body) {
    if (body == null || body.isBlank()) {
      return new JsonObject();
    }
    try {
      return JsonParser.parseString(body);
    } catch (JsonParseException e) {
      throw HttpError.detail(400, "JSON parse error - " + e.getClass().getSimpleName());
    }
  }

  /** One resource of the release: its collection path, its item operations, its objects by lookup value. */
  final class Table {
    final String path;
    final Contract.Operation list;
    Contract.Operation create;
    Contract.Operation retrieve;
    Contract.Operation update;
    Contract.Operation partialUpdate;
    Contract.Operation destroy;
    String itemPath;
    /** The property the item path's parameter names: {@code pk} unless the objects have a property of that name. */
    String lookup = "pk";
    JsonElement schema;
    String schemaName;
    final Map<String, JsonObject> rows = new LinkedHashMap<>();

    Table(Contract.Operation list) {
      this.path = list.path;
      this.list = list;
    }

    void item(Contract.Operation op) {
      itemPath = op.path;
      switch (op.method) {
        case "GET":
          retrieve = op;
          break;
        case "PUT":
          update = op;
          break;
        case "PATCH":
          partialUpdate = op;
          break;
        case "DELETE":
          destroy = op;
          break;
        default:
          break;
      }
    }

    void settle() {
      JsonObject items = schemas.resolve(schemas.properties(list.responseSchema).get("results"));
      schema = retrieve != null && retrieve.responseSchema != null ? retrieve.responseSchema : items.get("items");
      schemaName = Contract.refName(schema);
      if (itemPath != null) {
        String parameter = itemPath.substring(path.length() + 1, itemPath.length() - 2);
        if (schemas.properties(schema).has(parameter)) {
          lookup = parameter;
        }
      }
    }

    /** Has every operation of a CRUD resource. */
    boolean isCrud() {
      return create != null && retrieve != null && partialUpdate != null && destroy != null;
    }

    /** authentik's verbose name of the model, as its uniqueness messages say it. */
    String modelName() {
      String name = schemaName == null ? "object" : schemaName;
      return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return path;
    }
  }
}
