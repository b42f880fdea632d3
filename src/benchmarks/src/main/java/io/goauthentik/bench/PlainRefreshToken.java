package io.goauthentik.bench;

import com.google.gson.annotations.SerializedName;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hand-written baseline's model: what a developer writes for {@code Gson.fromJson} without any
 * SDK. Same fields and field types as the SDK's RefreshToken (UUID, OffsetDateTime, enums, lists,
 * maps); Gson fills it by reflection.
 */
@SuppressWarnings("unused")
public class PlainRefreshToken {
  Integer pk;
  Provider provider;
  User user;
  @SerializedName("is_expired") Boolean isExpired;
  OffsetDateTime expires;
  List<String> scope;
  @SerializedName("id_token") String idToken;
  Boolean revoked;

  public static class Provider {
    Integer pk;
    String name;
    @SerializedName("authentication_flow") UUID authenticationFlow;
    @SerializedName("authorization_flow") UUID authorizationFlow;
    @SerializedName("invalidation_flow") UUID invalidationFlow;
    @SerializedName("property_mappings") List<UUID> propertyMappings;
    String component;
    @SerializedName("assigned_application_slug") String assignedApplicationSlug;
    @SerializedName("assigned_application_name") String assignedApplicationName;
    @SerializedName("assigned_backchannel_application_slug") String assignedBackchannelApplicationSlug;
    @SerializedName("assigned_backchannel_application_name") String assignedBackchannelApplicationName;
    @SerializedName("verbose_name") String verboseName;
    @SerializedName("verbose_name_plural") String verboseNamePlural;
    @SerializedName("meta_model_name") String metaModelName;
    @SerializedName("client_type") ClientType clientType;
    @SerializedName("grant_types") List<GrantType> grantTypes;
    @SerializedName("client_id") String clientId;
    @SerializedName("client_secret") String clientSecret;
    @SerializedName("access_code_validity") String accessCodeValidity;
    @SerializedName("access_token_validity") String accessTokenValidity;
    @SerializedName("refresh_token_validity") String refreshTokenValidity;
    @SerializedName("refresh_token_threshold") String refreshTokenThreshold;
    @SerializedName("include_claims_in_id_token") Boolean includeClaimsInIdToken;
    @SerializedName("signing_key") UUID signingKey;
    @SerializedName("encryption_key") UUID encryptionKey;
    @SerializedName("redirect_uris") List<RedirectUri> redirectUris;
    @SerializedName("backchannel_logout_uri") String backchannelLogoutUri;
    @SerializedName("logout_uri") String logoutUri;
    @SerializedName("logout_method") LogoutMethod logoutMethod;
    @SerializedName("sub_mode") SubMode subMode;
    @SerializedName("issuer_mode") IssuerMode issuerMode;
    @SerializedName("jwks_sources") List<UUID> jwksSources;
    @SerializedName("jwt_federation_sources") List<UUID> jwtFederationSources;
    @SerializedName("jwt_federation_providers") List<Integer> jwtFederationProviders;
  }

  public static class RedirectUri {
    @SerializedName("matching_mode") MatchingMode matchingMode;
    String url;
    @SerializedName("redirect_uri_type") RedirectUriType redirectUriType;
  }

  public static class User {
    Integer pk;
    String username;
    String name;
    @SerializedName("is_active") Boolean isActive;
    @SerializedName("last_login") OffsetDateTime lastLogin;
    @SerializedName("date_joined") OffsetDateTime dateJoined;
    @SerializedName("is_superuser") Boolean isSuperuser;
    List<UUID> groups;
    @SerializedName("groups_obj") List<Group> groupsObj;
    List<UUID> roles;
    @SerializedName("roles_obj") List<Role> rolesObj;
    String email;
    String avatar;
    Map<String, Object> attributes;
    String uid;
    String path;
    UserType type;
    UUID uuid;
    @SerializedName("password_change_date") OffsetDateTime passwordChangeDate;
    @SerializedName("last_updated") OffsetDateTime lastUpdated;
  }

  public static class Group {
    UUID pk;
    @SerializedName("num_pk") Integer numPk;
    String name;
    @SerializedName("is_superuser") Boolean isSuperuser;
    UUID parent;
    @SerializedName("parent_name") String parentName;
    Map<String, Object> attributes;
  }

  public static class Role {
    UUID pk;
    String name;
  }

  public enum ClientType {
    @SerializedName("confidential") CONFIDENTIAL,
    @SerializedName("public") PUBLIC
  }

  public enum GrantType {
    @SerializedName("authorization_code") AUTHORIZATION_CODE,
    @SerializedName("implicit") IMPLICIT,
    @SerializedName("hybrid") HYBRID,
    @SerializedName("refresh_token") REFRESH_TOKEN,
    @SerializedName("client_credentials") CLIENT_CREDENTIALS,
    @SerializedName("password") PASSWORD,
    @SerializedName("urn:ietf:params:oauth:grant-type:device_code") DEVICE_CODE
  }

  public enum MatchingMode {
    @SerializedName("strict") STRICT,
    @SerializedName("regex") REGEX
  }

  public enum RedirectUriType {
    @SerializedName("authorization") AUTHORIZATION,
    @SerializedName("logout") LOGOUT
  }

  public enum LogoutMethod {
    @SerializedName("backchannel") BACKCHANNEL,
    @SerializedName("frontchannel") FRONTCHANNEL
  }

  public enum SubMode {
    @SerializedName("hashed_user_id") HASHED_USER_ID,
    @SerializedName("user_id") USER_ID,
    @SerializedName("user_uuid") USER_UUID,
    @SerializedName("user_username") USER_USERNAME,
    @SerializedName("user_email") USER_EMAIL,
    @SerializedName("user_upn") USER_UPN
  }

  public enum IssuerMode {
    @SerializedName("global") GLOBAL,
    @SerializedName("per_provider") PER_PROVIDER
  }

  public enum UserType {
    @SerializedName("internal") INTERNAL,
    @SerializedName("external") EXTERNAL,
    @SerializedName("service_account") SERVICE_ACCOUNT,
    @SerializedName("internal_service_account") INTERNAL_SERVICE_ACCOUNT
  }
}
