package io.goauthentik.client.testkit;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The fake's state as authentik 2026.5.6 sends it (the shapes of the fixtures of that release):
 * grants with the generic {@code Provider} and the full {@code User}, an id_token that is the
 * token's claims as an indented JSON document (what authentik's {@code TokenModelSerializer.get_id_token}
 * returns, {@code json.dumps(..., indent=4)}), pages with {@code autocomplete}, and times in UTC
 * with microseconds, as orjson writes them. Stateless and thread-safe.
 */
final class JsonRenderer {
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final Gson INDENTED = new GsonBuilder().disableHtmlEscaping().serializeNulls()
      .setFormattingStyle(FormattingStyle.PRETTY.withIndent("    ")).create();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  /** The scope mappings (openid, email, profile, offline_access) every provider of the fake uses. */
  private static final List<UUID> PROPERTY_MAPPINGS = List.of(
      UUID.nameUUIDFromBytes("scope-openid".getBytes(StandardCharsets.UTF_8)),
      UUID.nameUUIDFromBytes("scope-email".getBytes(StandardCharsets.UTF_8)),
      UUID.nameUUIDFromBytes("scope-profile".getBytes(StandardCharsets.UTF_8)),
      UUID.nameUUIDFromBytes("scope-offline_access".getBytes(StandardCharsets.UTF_8)));

  /** The server's own URL (no trailing slash), the root of each provider's issuer. */
  private final String origin;

  JsonRenderer(String origin) {
    this.origin = origin;
  }

  String toJson(JsonElement body) {
    return COMPACT.toJson(body);
  }

  /** A page of a list: {@code {"pagination": {...}, "results": [...], "autocomplete": {}}}. */
  JsonObject page(Listing listing, FakeState state, Instant now) {
    JsonObject pagination = new JsonObject();
    pagination.addProperty("next", listing.next);
    pagination.addProperty("previous", listing.previous);
    pagination.addProperty("count", listing.count);
    pagination.addProperty("current", listing.current);
    pagination.addProperty("total_pages", listing.totalPages);
    pagination.addProperty("start_index", listing.startIndex);
    pagination.addProperty("end_index", listing.endIndex);
    JsonArray results = new JsonArray();
    for (FakeGrant grant : listing.results) {
      results.add(grant(grant, state.user(grant.userPk), state.provider(grant.providerPk), now));
    }
    JsonObject page = new JsonObject();
    page.add("pagination", pagination);
    page.add("results", results);
    page.add("autocomplete", new JsonObject());
    return page;
  }

  /** A refresh token or access token ({@code TokenModel}) or an authorization code ({@code ExpiringBaseGrantModel}). */
  JsonObject grant(FakeGrant grant, FakeUser user, FakeProvider provider, Instant now) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", grant.pk);
    json.add("provider", provider(provider));
    json.add("user", user(user, now));
    json.addProperty("is_expired", grant.expires != null && now.isAfter(grant.expires));
    json.add("expires", time(grant.expires));
    json.add("scope", strings(grant.scope));
    if (grant.type.isToken) {
      json.addProperty("id_token", INDENTED.toJson(idTokenClaims(grant, user, provider)));
      json.addProperty("revoked", grant.revoked);
    }
    return json;
  }

  /** The generic {@code Provider} of 2025.12.6 and later: no client_id, client_secret or redirect_uris. */
  private JsonObject provider(FakeProvider provider) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", provider.pk);
    json.addProperty("name", provider.name);
    json.addProperty("authentication_flow", provider.authenticationFlow.toString());
    json.addProperty("authorization_flow", provider.authorizationFlow.toString());
    json.addProperty("invalidation_flow", provider.invalidationFlow.toString());
    JsonArray mappings = new JsonArray();
    PROPERTY_MAPPINGS.forEach(uuid -> mappings.add(uuid.toString()));
    json.add("property_mappings", mappings);
    json.addProperty("component", "ak-provider-oauth2-form");
    json.addProperty("assigned_application_slug", provider.applicationSlug);
    json.addProperty("assigned_application_name", provider.applicationName);
    json.add("assigned_backchannel_application_slug", JsonNull.INSTANCE);
    json.add("assigned_backchannel_application_name", JsonNull.INSTANCE);
    json.addProperty("verbose_name", "OAuth2/OpenID Provider");
    json.addProperty("verbose_name_plural", "OAuth2/OpenID Providers");
    json.addProperty("meta_model_name", "authentik_providers_oauth2.oauth2provider");
    return json;
  }

  private JsonObject user(FakeUser user, Instant now) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", user.pk);
    json.addProperty("username", user.username);
    json.addProperty("name", user.name);
    json.addProperty("is_active", true);
    json.add("last_login", time(user.lastLogin));
    json.add("date_joined", time(user.dateJoined));
    json.addProperty("is_superuser", false);
    json.add("groups", new JsonArray());
    json.add("groups_obj", new JsonArray());
    json.add("roles", new JsonArray());
    json.add("roles_obj", new JsonArray());
    json.addProperty("email", user.email);
    json.addProperty("avatar", avatar(user.name));
    json.add("attributes", new JsonObject());
    json.addProperty("uid", user.uid);
    json.addProperty("path", "users");
    json.addProperty("type", "internal");
    json.addProperty("uuid", user.uuid.toString());
    json.add("password_change_date", time(user.passwordChangeDate));
    json.add("last_updated", time(user.lastLogin));
    return json;
  }

  /** The claims in authentik's IDToken field order, then the scope claims (email, profile). */
  private JsonObject idTokenClaims(FakeGrant grant, FakeUser user, FakeProvider provider) {
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", origin + "/application/o/" + provider.applicationSlug + "/");
    claims.addProperty("sub", user.uid);
    claims.addProperty("aud", provider.clientId);
    claims.addProperty("exp", (grant.expires != null ? grant.expires : grant.issued.plus(grant.type.validity)).getEpochSecond());
    claims.addProperty("iat", grant.issued.getEpochSecond());
    claims.addProperty("auth_time", grant.issued.getEpochSecond() - 7);
    claims.addProperty("acr", "goauthentik.io/providers/oauth2/default");
    claims.add("amr", strings(List.of("pwd")));
    claims.addProperty("nonce", grant.nonce);
    if (grant.atHash != null) {
      claims.addProperty("at_hash", grant.atHash);
    }
    claims.addProperty("sid", grant.sid);
    claims.addProperty("email", user.email);
    claims.addProperty("email_verified", false);
    claims.addProperty("name", user.name);
    claims.addProperty("given_name", user.name);
    claims.addProperty("preferred_username", user.username);
    claims.addProperty("nickname", user.username);
    claims.add("groups", new JsonArray());
    return claims;
  }

  /** authentik's "initials" avatar: an SVG with the name's initials, as a data URI. */
  private static String avatar(String name) {
    StringBuilder initials = new StringBuilder();
    for (String part : name.trim().split("[\\s._@-]+")) {
      if (!part.isEmpty() && initials.length() < 2) {
        initials.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
      }
    }
    String svg = "<svg width=\"64px\" height=\"64px\" viewBox=\"0 0 64 64\" version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\">"
        + "<rect fill=\"#4a8a63\" cx=\"32\" cy=\"32\" width=\"64\" height=\"64\" r=\"32\"/>"
        + "<text x=\"50%\" y=\"50%\" fill=\"#ffffff\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"28\">"
        + initials.toString().replace("&", "&amp;").replace("<", "&lt;") + "</text></svg>";
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
  }

  /** As orjson writes a UTC datetime: microseconds only when there are any, and {@code Z}. */
  private static JsonElement time(Instant instant) {
    if (instant == null) {
      return JsonNull.INSTANCE;
    }
    int micros = instant.getNano() / 1000;
    String text = SECONDS.format(instant) + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros)) + "Z";
    return new JsonPrimitive(text);
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
