package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.goauthentik.client.model.RequestModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property the contract marks {@code x-secret} (write-only, named like a secret, or on the
 * reviewed list of tools/contract-notes.yaml) is masked by the toString() of its model, response or
 * request, also when the model sits inside another model or a list; and the rule does mark the
 * secrets it is meant to find, and leaves alone what only looks like one.
 */
class SecretPropertiesTest {
  private static final String MODELS = "io.goauthentik.client.model.";
  private static final String SECRET = "S3CR3T-";
  private static final Map<String, Object> SCHEMAS = ReleaseApi.map(ReleaseApi.map(contract().get("components")).get("schemas"));

  /** Schema.property of every x-secret property. */
  static Stream<Arguments> secrets() {
    List<Arguments> out = new ArrayList<>();
    SCHEMAS.forEach((schema, s) -> properties(s).forEach((property, p) -> {
      if (Boolean.TRUE.equals(ReleaseApi.map(p).get("x-secret"))) {
        out.add(Arguments.of(schema, property));
      }
    }));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("secrets")
  void toStringMasksTheSecret(String schema, String property) throws Exception {
    Class<?> model = Class.forName(MODELS + schema);
    String marker = SECRET + schema + "-" + property;

    Object value = RequestModel.class.isAssignableFrom(model)
        ? request(model, property, marker)
        : read(model, "{\"" + property + "\": " + json(ReleaseApi.map(properties(SCHEMAS.get(schema)).get(property)), marker) + "}");

    String text = value.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains(javaName(model, property) + "=****"), text);
  }

  @Test
  void theRuleMarksTheKnownSecrets() {
    Set<String> secret = new TreeSet<>();
    secrets().forEach(a -> secret.add(a.get()[0] + "." + a.get()[1]));
    List<String> known = List.of(
        "AuthenticatorSMSStageRequest.auth", "PatchedAuthenticatorSMSStageRequest.auth", "AuthenticatorSMSStage.auth",
        "AuthenticatorSMSStageRequest.auth_password",
        "NotificationTransportRequest.webhook_url", "PatchedNotificationTransportRequest.webhook_url",
        "NotificationTransport.webhook_url",
        "OAuth2ProviderRequest.client_secret", "OAuth2Provider.client_secret", "RefreshToken.id_token",
        "UserPasswordSetRequest.password", "CertificateKeyPairRequest.key_data", "LDAPSourceRequest.bind_password",
        "EmailStageRequest.password", "RadiusProviderRequest.shared_secret", "RadiusOutpostConfig.shared_secret",
        "AuthenticatorDuoStageRequest.admin_secret_key", "CaptchaStageRequest.private_key",
        "KerberosSourceRequest.sync_keytab", "TokenView.key", "LicenseRequest.key", "StaticDeviceToken.token",
        "ProxyOutpostConfig.cookie_secret", "GoogleWorkspaceProviderRequest.credentials",
        "KubernetesServiceConnectionRequest.kubeconfig", "AuthenticatorStaticChallenge.codes",
        "AuthenticatorTOTPChallenge.config_url", "Link.link");
    List<String> missed = new ArrayList<>(known);
    missed.removeAll(secret);
    assertEquals(List.of(), missed, "secrets the rule does not mark");

    List<String> notSecret = List.of(
        "OAuth2ProviderRequest.access_token_validity", "OAuth2ProviderRequest.refresh_token_validity",
        "OAuthSourceRequest.access_token_url", "OAuthSourceRequest.request_token_url",
        "OAuth2ProviderRequest.signing_key", "CertificateKeyPair.key_type", "CaptchaStageRequest.public_key",
        "PromptRequest.field_key", "OAuth2ProviderSetupURLs.token", "NotificationTransportRequest.webhook_mapping_body",
        "AuthenticatorStaticStageRequest.token_count", "ProxyProviderRequest.basic_auth_password_attribute",
        "User.password_change_date", "Outpost.token_identifier");
    List<String> wrong = new ArrayList<>(notSecret);
    wrong.retainAll(secret);
    assertEquals(List.of(), wrong, "properties the rule marks but that hold no secret");
    for (String each : notSecret) {
      String[] parts = each.split("\\.");
      assertNotNull(properties(SCHEMAS.get(parts[0])).get(parts[1]), each + " is in the contract");
    }
  }

  /** A response model holding (or listing) one whose property is secret: the secret stays masked. */
  static Stream<Arguments> nestings() {
    List<Arguments> out = new ArrayList<>();
    SCHEMAS.forEach((schema, s) -> {
      if (Boolean.TRUE.equals(ReleaseApi.map(s).get("x-request"))) {
        return;
      }
      properties(s).forEach((property, p) -> {
        Map<String, Object> prop = ReleaseApi.map(p);
        boolean list = "array".equals(prop.get("type"));
        String inner = refName(list ? ReleaseApi.map(prop.get("items")) : prop);
        String secret = inner == null ? null : firstSecret(inner);
        if (secret != null) {
          out.add(Arguments.of(schema, property, list, inner, secret));
        }
      });
    });
    return out.stream();
  }

  @ParameterizedTest(name = "{0}.{1} holding {3}.{4}")
  @MethodSource("nestings")
  void aNestedSecretIsMasked(String schema, String property, boolean list, String inner, String secret) throws Exception {
    String marker = SECRET + schema + "-" + property;
    String nested = "{\"" + secret + "\": " + json(ReleaseApi.map(properties(SCHEMAS.get(inner)).get(secret)), marker) + "}";

    Object value = read(Class.forName(MODELS + schema), "{\"" + property + "\": " + (list ? "[" + nested + "]" : nested) + "}");

    String text = value.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("=****"), text);
  }

  @Test
  void everyKindOfNestingIsCovered() {
    // Guards the test above: it does see models inside models and inside lists.
    List<Object[]> all = nestings().map(Arguments::get).collect(java.util.stream.Collectors.toList());
    assertTrue(all.stream().anyMatch(a -> a[0].equals("RefreshToken") && a[1].equals("provider")));
    assertTrue(all.stream().anyMatch(a -> a[0].equals("PaginatedNotificationTransportList") && (boolean) a[2]));
  }

  // --- building the values -------------------------------------------------------------------

  private static Object read(Class<?> model, String json) throws Exception {
    Object value = model.getMethod("fromJson", JsonReader.class).invoke(null, new JsonReader(new StringReader(json)));
    assertNotNull(value, json);
    return value;
  }

  /** A request with every property set (so that build() passes), the secret to the marker. */
  private static Object request(Class<?> model, String property, String marker) throws Exception {
    Object built = build(model, javaName(model, property), marker, 0);
    StringWriter sent = new StringWriter();
    JsonWriter out = new JsonWriter(sent);
    out.setSerializeNulls(true);
    ((RequestModel) built).writeTo(out);
    assertTrue(sent.toString().contains(marker), "the secret is sent: " + sent);
    return built;
  }

  private static Object build(Class<?> model, String secretSetter, String marker, int depth) throws Exception {
    Object builder = model.getMethod("builder").invoke(null);
    for (Method setter : builder.getClass().getDeclaredMethods()) {
      if (!Modifier.isPublic(setter.getModifiers()) || setter.getParameterCount() != 1) {
        continue;
      }
      Type type = setter.getGenericParameterTypes()[0];
      Object value = setter.getName().equals(secretSetter) ? secretValue(type, marker) : dummy(type, depth);
      if (value != null) {
        setter.invoke(builder, value);
      }
    }
    return builder.getClass().getMethod("build").invoke(builder);
  }

  private static Object secretValue(Type type, String marker) {
    Class<?> raw = raw(type);
    if (raw == List.class) {
      return List.of(marker);
    }
    if (raw == Map.class) {
      return Map.of("k", marker);
    }
    if (raw == String.class || raw == Object.class) {
      return marker;
    }
    throw new AssertionError("no secret value for a " + type);
  }

  /** Any value the setter takes; {@code null} to leave the property unset. */
  private static Object dummy(Type type, int depth) throws Exception {
    Class<?> raw = raw(type);
    if (raw == String.class || raw == Object.class) {
      return "x";
    }
    if (raw == Integer.class) {
      return 1;
    }
    if (raw == Long.class) {
      return 1L;
    }
    if (raw == Boolean.class) {
      return true;
    }
    if (raw == Double.class) {
      return 1.0;
    }
    if (raw == Float.class) {
      return 1f;
    }
    if (raw == BigDecimal.class) {
      return BigDecimal.ONE;
    }
    if (raw == UUID.class) {
      return new UUID(0, 1);
    }
    if (raw == OffsetDateTime.class) {
      return OffsetDateTime.parse("2026-01-01T00:00:00Z");
    }
    if (raw == LocalDate.class) {
      return LocalDate.parse("2026-01-01");
    }
    if (raw == List.class) {
      return List.of();
    }
    if (raw == Map.class) {
      return Map.of();
    }
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        if (!((Enum<?>) constant).name().equals("UNKNOWN")) {
          return constant;
        }
      }
    }
    if (RequestModel.class.isAssignableFrom(raw) && !raw.isInterface() && depth < 3) {
      return build(raw, null, null, depth + 1);
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    return (Class<?>) (type instanceof ParameterizedType ? ((ParameterizedType) type).getRawType() : type);
  }

  /** The Java name the generator gave a property: its setter's and its toString()'s. */
  private static String javaName(Class<?> model, String property) {
    String wanted = property.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    for (Method m : model.getMethods()) {
      String name = m.getName().startsWith("get") && m.getParameterCount() == 0 ? m.getName().substring(3) : null;
      if (name != null && name.toLowerCase().equals(wanted)) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
      }
    }
    if (RequestModel.class.isAssignableFrom(model)) {
      for (Class<?> inner : model.getDeclaredClasses()) {
        for (Method m : inner.getDeclaredMethods()) {
          if (m.getParameterCount() == 1 && m.getName().toLowerCase().equals(wanted)) {
            return m.getName();
          }
        }
      }
    }
    throw new AssertionError(model.getSimpleName() + " has no property " + property);
  }

  /** The marker as the JSON value a property of this schema holds. */
  private static String json(Map<String, Object> property, String marker) {
    if ("array".equals(property.get("type"))) {
      return "[\"" + marker + "\"]";
    }
    if ("object".equals(property.get("type"))) {
      return "{\"k\": \"" + marker + "\"}";
    }
    return "\"" + marker + "\"";
  }

  // --- reading the contract ------------------------------------------------------------------

  private static Map<String, Object> contract() {
    try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
      return ReleaseApi.yaml(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> properties(Object schema) {
    Object properties = ReleaseApi.map(schema).get("properties");
    return properties == null ? Map.of() : new LinkedHashMap<>(ReleaseApi.map(properties));
  }

  private static String refName(Map<String, Object> property) {
    Object ref = property.get("$ref");
    if (ref == null && property.get("allOf") instanceof List && ReleaseApi.list(property.get("allOf")).size() == 1) {
      ref = ReleaseApi.map(ReleaseApi.list(property.get("allOf")).get(0)).get("$ref");
    }
    return ref == null ? null : ((String) ref).substring(((String) ref).lastIndexOf('/') + 1);
  }

  private static String firstSecret(String schema) {
    for (Map.Entry<String, Object> p : properties(SCHEMAS.get(schema)).entrySet()) {
      if (Boolean.TRUE.equals(ReleaseApi.map(p.getValue()).get("x-secret"))) {
        return p.getKey();
      }
    }
    return null;
  }
}
