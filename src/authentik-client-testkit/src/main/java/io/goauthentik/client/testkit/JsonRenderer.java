package io.goauthentik.client.testkit;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fake's state as one authentik release sends it, property for property in the order of that
 * release's fixtures (the library module's {@code src/test/resources/fixtures/<release>/}): the
 * grant's provider as {@code OAuth2Provider} (with {@code redirect_uris} as a string up to 2024.8)
 * or, from 2025.12, the generic {@code Provider}; the user with the fields of its release; pages with {@code autocomplete}
 * from 2025.6; an id_token that is the token's claims as an indented JSON document (what
 * authentik's {@code TokenModelSerializer.get_id_token} returns, {@code json.dumps(..., indent=4)});
 * times in UTC with microseconds, as orjson writes them. Stateless and thread-safe.
 */
final class JsonRenderer {
  private static final Gson INDENTED = new GsonBuilder().disableHtmlEscaping().serializeNulls()
      .setFormattingStyle(FormattingStyle.PRETTY.withIndent("    ")).create();
  /** The scope mappings (openid, email, profile, offline_access) every provider of the fake uses. */
  private static final List<UUID> PROPERTY_MAPPINGS = List.of(Json.uuid("scope", "openid"), Json.uuid("scope", "email"),
      Json.uuid("scope", "profile"), Json.uuid("scope", "offline_access"));
  private static final UUID JWT_SOURCE = Json.uuid("source", "jwks");

  private final Release release;
  /** The server's own URL (no trailing slash), the root of each provider's issuer. */
  private final String origin;

  JsonRenderer(Release release, String origin) {
    this.release = release;
    this.origin = origin;
  }

  String toJson(JsonElement body) {
    return Json.COMPACT.toJson(body);
  }

  /** A page of a list: {@code {"pagination": {...}, "results": [...]}}, and {@code "autocomplete": {}} from 2025.6. */
  JsonObject page(Listing listing, FakeState state, Instant now) {
    JsonObject pagination = Json.pagination(listing.next, listing.previous, listing.count, listing.current,
        listing.totalPages, listing.startIndex, listing.endIndex);
    JsonArray results = new JsonArray();
    for (FakeGrant grant : listing.results) {
      results.add(grant(grant, state.user(grant.userPk), state.provider(grant.providerPk), now));
    }
    return page(pagination, results);
  }

  /** All of a short list on one page, in the shape of {@link #page}. */
  JsonObject onePage(JsonArray results) {
    JsonObject pagination = Json.pagination(0, 0, results.size(), 1, 1, results.size() == 0 ? 0 : 1, results.size());
    return page(pagination, results);
  }

  private JsonObject page(JsonObject pagination, JsonArray results) {
    JsonObject page = new JsonObject();
    page.add("pagination", pagination);
    page.add("results", results);
    if (release.since2025_6()) {
      page.add("autocomplete", new JsonObject());
    }
    return page;
  }

  /** A refresh token or access token ({@code TokenModel}) or an authorization code ({@code ExpiringBaseGrantModel}). */
  JsonObject grant(FakeGrant grant, FakeUser user, FakeProvider provider, Instant now) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", grant.pk);
    json.add("provider", provider(provider, false));
    json.add("user", user(user));
    json.addProperty("is_expired", grant.expires != null && now.isAfter(grant.expires));
    json.add("expires", Json.time(grant.expires));
    json.add("scope", Json.strings(grant.scope));
    if (grant.type.isToken) {
      json.addProperty("id_token", INDENTED.toJson(idTokenClaims(grant, user, provider)));
      json.addProperty("revoked", grant.revoked);
    }
    return json;
  }

  /** {@code OAuth2Provider}, or from 2025.12 the generic {@code Provider}: no client_id, client_secret, redirect_uris, .... */
  JsonObject provider(FakeProvider provider, boolean oauth2Fields) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", provider.pk);
    json.addProperty("name", provider.name);
    json.addProperty("authentication_flow", provider.authenticationFlow.toString());
    json.addProperty("authorization_flow", provider.authorizationFlow.toString());
    if (release.since2024_10()) {
      json.addProperty("invalidation_flow", provider.invalidationFlow.toString());
    }
    json.add("property_mappings", Json.strings(PROPERTY_MAPPINGS));
    json.addProperty("component", "ak-provider-oauth2-form");
    json.addProperty("assigned_application_slug", provider.applicationSlug);
    json.addProperty("assigned_application_name", provider.applicationName);
    json.add("assigned_backchannel_application_slug", Json.string(provider.backchannelApplicationSlug));
    json.add("assigned_backchannel_application_name", Json.string(provider.backchannelApplicationName));
    json.addProperty("verbose_name", "OAuth2/OpenID Provider");
    json.addProperty("verbose_name_plural", "OAuth2/OpenID Providers");
    json.addProperty("meta_model_name", "authentik_providers_oauth2.oauth2provider");
    if (release.genericProvider() && !oauth2Fields) {
      return json;
    }
    json.addProperty("client_type", provider.clientType);
    json.addProperty("client_id", provider.clientId);
    json.addProperty("client_secret", provider.clientSecret);
    json.addProperty("access_code_validity", "minutes=1");
    json.addProperty("access_token_validity", "hours=1");
    json.addProperty("refresh_token_validity", "days=30");
    if (release.since2025_10()) {
      json.addProperty("refresh_token_threshold", "seconds=0");
    }
    json.addProperty("include_claims_in_id_token", true);
    json.addProperty("signing_key", provider.signingKey.toString());
    if (release.since2024_10()) {
      json.add("encryption_key", JsonNull.INSTANCE);
    }
    json.add("redirect_uris", redirectUris(provider.redirectUris));
    if (release.backchannelLogoutUri()) {
      json.addProperty("backchannel_logout_uri", provider.logoutUri);
    }
    if (release.since2025_10()) {
      json.addProperty("logout_uri", provider.logoutUri);
      json.addProperty("logout_method", "backchannel");
    }
    json.addProperty("sub_mode", "hashed_user_id");
    json.addProperty("issuer_mode", "per_provider");
    if (release.since2024_10()) {
      json.add("jwt_federation_sources", Json.strings(List.of(JWT_SOURCE)));
      json.add("jwt_federation_providers", new JsonArray());
    } else {
      json.add("jwks_sources", Json.strings(List.of(JWT_SOURCE)));
    }
    return json;
  }

  /** Up to 2024.8 one string, the URLs separated by newlines; from 2024.10 {@code [{matching_mode, url}]}. */
  private JsonElement redirectUris(List<String> urls) {
    if (release.redirectUrisAsString()) {
      return Json.string(String.join("\n", urls));
    }
    JsonArray array = new JsonArray();
    for (String url : urls) {
      JsonObject uri = new JsonObject();
      uri.addProperty("matching_mode", "strict");
      uri.addProperty("url", url);
      array.add(uri);
    }
    return array;
  }

  JsonObject user(FakeUser user) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", user.pk);
    json.addProperty("username", user.username);
    json.addProperty("name", user.name);
    json.addProperty("is_active", user.active);
    json.add("last_login", Json.time(user.lastLogin));
    if (release.userDateJoined()) {
      json.add("date_joined", Json.time(user.dateJoined));
    }
    json.addProperty("is_superuser", user.superuser);
    List<UUID> groupPks = new ArrayList<>();
    JsonArray groups = new JsonArray();
    for (FakeGroup group : user.groups) {
      groupPks.add(group.pk);
      groups.add(group(group));
    }
    json.add("groups", Json.strings(groupPks));
    json.add("groups_obj", groups);
    if (release.userRoles()) {
      List<UUID> rolePks = new ArrayList<>();
      JsonArray roles = new JsonArray();
      for (FakeGroup role : user.roles) {
        rolePks.add(role.pk);
        JsonObject each = new JsonObject();
        each.addProperty("pk", role.pk.toString());
        each.addProperty("name", role.name);
        roles.add(each);
      }
      json.add("roles", Json.strings(rolePks));
      json.add("roles_obj", roles);
    }
    json.addProperty("email", user.email);
    json.addProperty("avatar", Json.avatar(user.name));
    JsonObject attributes = new JsonObject();
    for (Map.Entry<String, String> attribute : user.attributes.entrySet()) {
      attributes.addProperty(attribute.getKey(), attribute.getValue());
    }
    json.add("attributes", attributes);
    json.addProperty("uid", user.uid);
    json.addProperty("path", "users");
    json.addProperty("type", user.type);
    json.addProperty("uuid", user.uuid.toString());
    if (release.userDateJoined()) {
      json.add("password_change_date", Json.time(user.passwordChangeDate));
    }
    if (release.since2025_6()) {
      json.add("last_updated", Json.time(user.lastUpdated()));
    }
    return json;
  }

  /** A group of {@code groups_obj}: no parent in the fake; 2025.12 dropped {@code parent} and {@code parent_name}. */
  private JsonObject group(FakeGroup group) {
    JsonObject json = new JsonObject();
    json.addProperty("pk", group.pk.toString());
    json.addProperty("num_pk", group.numPk);
    json.addProperty("name", group.name);
    json.addProperty("is_superuser", false);
    if (!release.userRoles()) {
      json.add("parent", JsonNull.INSTANCE);
      json.add("parent_name", JsonNull.INSTANCE);
    }
    json.add("attributes", new JsonObject());
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
    claims.add("amr", Json.strings(List.of("pwd")));
    claims.addProperty("nonce", grant.nonce);
    if (grant.atHash != null) {
      claims.addProperty("at_hash", grant.atHash);
    }
    claims.addProperty("sid", grant.sid);
    claims.addProperty("email", user.email);
    // authentik's default email scope mapping says true up to 2025.6 and false from 2025.10.
    claims.addProperty("email_verified", !release.since2025_10());
    claims.addProperty("name", user.name);
    claims.addProperty("given_name", user.name);
    claims.addProperty("preferred_username", user.username);
    claims.addProperty("nickname", user.username);
    List<String> groupNames = new ArrayList<>();
    user.groups.forEach(group -> groupNames.add(group.name));
    claims.add("groups", Json.strings(groupNames));
    return claims;
  }
}
