package io.goauthentik.client.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The fake's data: users (with their groups and roles), OAuth2 providers, their grants and what
 * refers to each grant (used_by), with an id sequence per table as in authentik's database (ids are
 * never reused). Thread-safe: every method holds this object's lock, and what it hands out is
 * immutable. Values it makes up (uids, client ids, secrets, nonces) come from a fixed seed, so the
 * same seeding gives the same data.
 */
final class FakeState {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Clock clock;
  private final Random random = new Random(202605060L);
  private final Map<Integer, FakeUser> users = new HashMap<>();
  private final Map<Integer, FakeProvider> providers = new HashMap<>();
  private final Map<String, FakeGroup> groups = new LinkedHashMap<>();
  private final Map<String, FakeGroup> roles = new LinkedHashMap<>();
  private final Map<GrantType, TreeMap<Integer, FakeGrant>> grants = new EnumMap<>(GrantType.class);
  private final Map<GrantType, Map<Integer, JsonArray>> usedBy = new EnumMap<>(GrantType.class);
  private final Map<GrantType, Integer> lastGrantPk = new EnumMap<>(GrantType.class);
  /** Where every object the API serves lives; seeded users, groups, providers and applications go there too. */
  private Resources resources;
  private JsonRenderer renderer;

  FakeState(Clock clock) {
    this.clock = clock;
    for (GrantType type : GrantType.values()) {
      grants.put(type, new TreeMap<>());
      usedBy.put(type, new HashMap<>());
      lastGrantPk.put(type, 0);
    }
  }

  /** The store the API serves, and how seeds look in it; set once, before the fake starts. */
  void attach(Resources resources, JsonRenderer renderer) {
    this.resources = resources;
    this.renderer = renderer;
  }

  /** Now, to the microsecond, as authentik's database keeps times. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  synchronized int addUser(UserSeed seed) {
    String username = seed.username;
    if (username == null || username.isBlank() || username.length() > 150) {
      throw new IllegalArgumentException("username must be 1 to 150 characters, was " + describe(username));
    }
    Resources.Table table = resources.table("/core/users/");
    for (JsonObject user : table.rows.values()) {
      if (user.get("username").getAsString().equals(username)) {
        throw new IllegalArgumentException("a user named " + username + " exists already (pk " + user.get("pk") + ")");
      }
    }
    int pk = resources.nextPk("/core/users/");
    Instant now = now();
    Instant joined = now.minus(Duration.ofDays(90));
    String email = seed.email != null ? seed.email
        : username.contains("@") ? username : username.toLowerCase(Locale.ROOT) + "@example.com";
    Instant lastLogin = seed.neverLoggedIn ? null : seed.lastLogin != null ? seed.lastLogin : now.minus(Duration.ofHours(1));
    List<FakeGroup> memberOf = new ArrayList<>();
    seed.groups.forEach(name -> memberOf.add(groups.computeIfAbsent(name,
        n -> new FakeGroup(Json.uuid("group", n), 10_000 + groups.size() + 1, n))));
    List<FakeGroup> hasRoles = new ArrayList<>();
    seed.roles.forEach(name -> hasRoles.add(roles.computeIfAbsent(name,
        n -> new FakeGroup(Json.uuid("role", n), roles.size() + 1, n))));
    FakeUser user = new FakeUser(pk, username, seed.name != null ? seed.name : username, email, seed.active,
        seed.superuser, seed.type.getValue(), sha256Hex("fake-authentik-user-" + pk), Json.uuid("user", pk), joined,
        lastLogin, joined, memberOf, hasRoles, seed.attributes);
    users.put(pk, user);
    for (FakeGroup group : memberOf) {
      JsonObject row = new JsonObject();
      row.addProperty("pk", group.pk.toString());
      row.addProperty("num_pk", group.numPk);
      row.addProperty("name", group.name);
      Resources.Table groups = resources.table("/core/groups/");
      if (!groups.rows.containsKey(group.pk.toString())) {
        resources.put(groups, row);
      }
    }
    Resources.Table roleTable = resources.table("/rbac/roles/");
    for (FakeGroup role : hasRoles) {
      if (roleTable != null && !roleTable.rows.containsKey(role.pk.toString())) {
        JsonObject row = new JsonObject();
        row.addProperty("pk", role.pk.toString());
        row.addProperty("name", role.name);
        resources.put(roleTable, row);
      }
    }
    resources.put(table, renderer.user(user));
    return pk;
  }

  synchronized int addProvider(ProviderSeed seed) {
    String name = seed.name;
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("provider name must not be blank, was " + describe(name));
    }
    for (FakeProvider provider : providers.values()) {
      if (provider.name.equals(name)) {
        throw new IllegalArgumentException("a provider named " + name + " exists already (pk " + provider.pk + ")");
      }
    }
    int pk = resources.nextPk("/providers/oauth2/");
    String application = seed.application != null ? seed.application
        : name.startsWith("Provider for ") ? name.substring("Provider for ".length()) : name;
    // Drawn in this order whatever the seed sets, so one setting does not change the others' values.
    String clientId = randomString(ALPHANUMERIC, 40);
    String clientSecret = randomString(ALPHANUMERIC, 128);
    List<String> redirectUris = seed.redirectUris.isEmpty()
        ? List.of("https://" + (Json.slug(application).isEmpty() ? "app-" + pk : Json.slug(application))
            + ".example.com/oauth2/callback")
        : seed.redirectUris;
    FakeProvider provider = new FakeProvider(pk, name, application, seed.backchannelApplication,
        seed.clientType.getValue(), seed.clientId != null ? seed.clientId : clientId,
        seed.clientSecret != null ? seed.clientSecret : clientSecret, redirectUris);
    providers.put(pk, provider);
    resources.put(resources.table("/providers/oauth2/"), renderer.provider(provider, true));
    Resources.Table applications = resources.table("/core/applications/");
    if (!applications.rows.containsKey(provider.applicationSlug)) {
      JsonObject app = new JsonObject();
      app.addProperty("pk", Json.uuid("application", provider.applicationSlug).toString());
      app.addProperty("name", provider.applicationName);
      app.addProperty("slug", provider.applicationSlug);
      app.addProperty("provider", pk);
      resources.put(applications, app);
    }
    return pk;
  }

  synchronized int addGrant(GrantSeed seed) {
    if (!users.containsKey(seed.user)) {
      throw new IllegalArgumentException("no user with pk " + seed.user + "; add it with addUser first");
    }
    if (!providers.containsKey(seed.provider)) {
      throw new IllegalArgumentException("no provider with pk " + seed.provider + "; add it with addProvider first");
    }
    GrantType type = seed.type;
    int pk = lastGrantPk.merge(type, 1, Integer::sum);
    Instant issued = now();
    Instant expires = seed.expiresSet ? seed.expires
        : issued.plus(seed.expiresIn != null ? seed.expiresIn : type.validity);
    String nonce = randomString(ALPHANUMERIC + "-_", 22);
    String sid = randomHex(64);
    String atHash = type == GrantType.REFRESH_TOKEN ? randomString(ALPHANUMERIC + "-_", 22) : null;
    grants.get(type).put(pk, new FakeGrant(type, pk, seed.user, seed.provider, issued,
        expires == null ? null : expires.truncatedTo(ChronoUnit.MICROS), seed.scope, seed.revoked, nonce, sid, atHash));
    return pk;
  }

  /** Adds an entry to the grant's used_by answer; false when there is no such grant. */
  synchronized boolean addUsedBy(GrantType type, int pk, JsonObject entry) {
    if (!grants.get(type).containsKey(pk)) {
      return false;
    }
    usedBy.get(type).computeIfAbsent(pk, k -> new JsonArray()).add(entry.deepCopy());
    return true;
  }

  /** What refers to the grant: a copy, {@code []} when nothing does. */
  synchronized JsonArray usedBy(GrantType type, int pk) {
    JsonArray entries = usedBy.get(type).get(pk);
    return entries == null ? new JsonArray() : entries.deepCopy();
  }

  /** Deletes a grant and what refers to it; false when there was none with that pk. */
  synchronized boolean remove(GrantType type, int pk) {
    usedBy.get(type).remove(pk);
    return grants.get(type).remove(pk) != null;
  }

  /** The grant, or null. */
  synchronized FakeGrant grant(GrantType type, int pk) {
    return grants.get(type).get(pk);
  }

  /** Every grant of the type, by pk: a copy, unaffected by later changes. */
  synchronized List<FakeGrant> grants(GrantType type) {
    return new ArrayList<>(grants.get(type).values());
  }

  /** The user, or null. */
  synchronized FakeUser user(int pk) {
    return users.get(pk);
  }

  /** The provider, or null. */
  synchronized FakeProvider provider(int pk) {
    return providers.get(pk);
  }

  /** Every user, by pk: a copy. */
  synchronized List<FakeUser> users() {
    return new ArrayList<>(new TreeMap<>(users).values());
  }

  /** Every provider, by pk: a copy. */
  synchronized List<FakeProvider> providers() {
    return new ArrayList<>(new TreeMap<>(providers).values());
  }

  private String randomString(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private String randomHex(int length) {
    return randomString("0123456789abcdef", length);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[digest.length * 2];
      for (int i = 0; i < digest.length; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String describe(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
