package io.goauthentik.client.testkit;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The fake's data: users, OAuth2 providers and their grants, with an id sequence per table as in
 * authentik's database (ids are never reused). Thread-safe: every method holds this object's lock,
 * and what it hands out is immutable. Values it makes up (uids, client ids, nonces) come from a
 * fixed seed, so the same seeding gives the same data.
 */
final class FakeState {
  private static final List<String> DEFAULT_SCOPE = List.of("openid", "profile", "email", "offline_access");
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Clock clock;
  private final Random random = new Random(202605060L);
  private final Map<Integer, FakeUser> users = new HashMap<>();
  private final Map<Integer, FakeProvider> providers = new HashMap<>();
  private final Map<GrantType, TreeMap<Integer, FakeGrant>> grants = new EnumMap<>(GrantType.class);
  private final Map<GrantType, Integer> lastGrantPk = new EnumMap<>(GrantType.class);
  private int lastUserPk;
  private int lastProviderPk;

  FakeState(Clock clock) {
    this.clock = clock;
    for (GrantType type : GrantType.values()) {
      grants.put(type, new TreeMap<>());
      lastGrantPk.put(type, 0);
    }
  }

  /** Now, to the microsecond, as authentik's database keeps times. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  synchronized int addUser(String username) {
    if (username == null || username.isBlank() || username.length() > 150) {
      throw new IllegalArgumentException("username must be 1 to 150 characters, was " + describe(username));
    }
    for (FakeUser user : users.values()) {
      if (user.username.equals(username)) {
        throw new IllegalArgumentException("a user named " + username + " exists already (pk " + user.pk + ")");
      }
    }
    int pk = ++lastUserPk;
    Instant now = now();
    Instant joined = now.minus(Duration.ofDays(90));
    String email = username.contains("@") ? username : username.toLowerCase(Locale.ROOT) + "@example.com";
    users.put(pk, new FakeUser(pk, username, username, email, sha256Hex("fake-authentik-user-" + pk),
        uuid("user", pk), joined, now.minus(Duration.ofHours(1)), joined));
    return pk;
  }

  synchronized int addProvider(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("provider name must not be blank, was " + describe(name));
    }
    for (FakeProvider provider : providers.values()) {
      if (provider.name.equals(name)) {
        throw new IllegalArgumentException("a provider named " + name + " exists already (pk " + provider.pk + ")");
      }
    }
    int pk = ++lastProviderPk;
    String application = name.startsWith("Provider for ") ? name.substring("Provider for ".length()) : name;
    String slug = application.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    providers.put(pk, new FakeProvider(pk, name, application, slug.isEmpty() ? "app-" + pk : slug,
        randomString(ALPHANUMERIC, 40), uuid("flow", "default-provider-authorization-implicit-consent"),
        uuid("flow", "default-provider-invalidation-flow"), uuid("flow", "default-authentication-flow")));
    return pk;
  }

  synchronized int addGrant(GrantType type, int userPk, int providerPk) {
    if (!users.containsKey(userPk)) {
      throw new IllegalArgumentException("no user with pk " + userPk + "; add it with addUser first");
    }
    if (!providers.containsKey(providerPk)) {
      throw new IllegalArgumentException("no provider with pk " + providerPk + "; add it with addProvider first");
    }
    int pk = lastGrantPk.merge(type, 1, Integer::sum);
    Instant issued = now();
    String atHash = type == GrantType.REFRESH_TOKEN ? randomString(ALPHANUMERIC + "-_", 22) : null;
    grants.get(type).put(pk, new FakeGrant(type, pk, userPk, providerPk, issued, issued.plus(type.validity),
        DEFAULT_SCOPE, false, randomString(ALPHANUMERIC + "-_", 22), randomHex(64), atHash));
    return pk;
  }

  /** Deletes a grant; false when there was none with that pk. */
  synchronized boolean remove(GrantType type, int pk) {
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

  private static UUID uuid(String table, Object key) {
    return UUID.nameUUIDFromBytes((table + "-" + key).getBytes(StandardCharsets.UTF_8));
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
