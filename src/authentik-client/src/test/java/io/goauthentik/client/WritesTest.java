package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.goauthentik.client.model.EmailStageRequest;
import io.goauthentik.client.model.GroupRequest;
import io.goauthentik.client.model.IdentificationChallengeResponseRequest;
import io.goauthentik.client.model.IntentEnum;
import io.goauthentik.client.model.FormatEnum;
import io.goauthentik.client.model.PatchedLDAPSourceRequest;
import io.goauthentik.client.model.PatchedUserRequest;
import io.goauthentik.client.model.PermissionAssignRequest;
import io.goauthentik.client.model.PermissionAssignResult;
import io.goauthentik.client.model.Token;
import io.goauthentik.client.model.TokenRequest;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserRequest;
import io.goauthentik.client.model.UserTypeEnum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes: request models built with their builders, sent as JSON bodies with exactly the properties
 * that were set (README, "The whole API"); file uploads as multipart forms; documents and files
 * returned as text and bytes; POST and PATCH never retried.
 */
class WritesTest {
  private static final String USER = "{\"pk\": 5, \"username\": \"jdoe\", \"name\": \"Jane Doe\", \"is_active\": true,"
      + " \"groups\": [], \"groups_obj\": [], \"avatar\": \"a\", \"uid\": \"u\", \"uuid\": \"" + UUID.randomUUID() + "\"}";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(2).retryBaseDelay(java.time.Duration.ZERO)
      .release("2026.5.6")); // queued answers: nothing asks admin/version
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void patchSendsExactlyThePropertiesThatWereSet() throws Exception {
    server.enqueue(json(200, USER));

    User renamed = client.core().coreUsersPartialUpdate(5, PatchedUserRequest.builder().name("Jane Doe").build());

    RecordedRequest request = take();
    assertEquals("PATCH", request.getMethod());
    assertEquals("/api/v3/core/users/5/", request.getTarget());
    assertEquals("application/json; charset=utf-8", request.getHeaders().get("Content-Type"));
    assertEquals("{\"name\":\"Jane Doe\"}", body(request));
    assertEquals("Jane Doe", renamed.getName());
  }

  @Test
  void aNullableSetToNullIsSentAsNull() throws Exception {
    server.enqueue(json(200, USER));

    client.core().coreUsersPartialUpdate(5, PatchedUserRequest.builder().lastLogin(null).build());

    assertEquals("{\"last_login\":null}", body(take()));
  }

  @Test
  void anEmptyPatchSendsAnEmptyObject() throws Exception {
    server.enqueue(json(200, USER));

    client.core().coreUsersPartialUpdate(5, PatchedUserRequest.builder().build());

    assertEquals("{}", body(take()));
  }

  @Test
  void aSetterOfAPropertyThatIsNotNullableRejectsNullByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> PatchedUserRequest.builder().name(null));
    assertTrue(e.getMessage().startsWith("name must not be null"), e.getMessage());
  }

  @Test
  void buildNamesAMissingRequiredProperty() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserRequest.builder().name("J. Doe").build());
    assertEquals("UserRequest: username is required; set it with username(...)", e.getMessage());
  }

  @Test
  void createSendsEveryKindOfValueAsTheContractDeclaresIt() throws Exception {
    server.enqueue(json(201, USER));
    UUID group = UUID.fromString("b1665940-3f42-4dd2-9c5c-4a0d6d3c7f5e");
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("settings", Map.of("locale", "de"));
    attributes.put("tags", List.of("a", 1, true));

    client.core().coreUsersCreate(UserRequest.builder()
        .username("jdoe").name("J. Doe").isActive(false)
        .lastLogin(OffsetDateTime.parse("2026-12-01T10:15:30.5Z"))
        .groups(List.of(group)).attributes(attributes).type(UserTypeEnum.SERVICE_ACCOUNT)
        .build());

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v3/core/users/", request.getTarget());
    assertEquals(JsonParser.parseString("{\"username\": \"jdoe\", \"name\": \"J. Doe\", \"is_active\": false,"
        + " \"last_login\": \"2026-12-01T10:15:30.5Z\", \"groups\": [\"" + group + "\"],"
        + " \"attributes\": {\"settings\": {\"locale\": \"de\"}, \"tags\": [\"a\", 1, true]},"
        + " \"type\": \"service_account\"}"), JsonParser.parseString(body(request)));
  }

  @Test
  void aRequestDoesNotChangeWhenTheCallersListChangesLater() throws Exception {
    List<UUID> groups = new ArrayList<>(List.of(UUID.randomUUID()));
    UserRequest request = UserRequest.builder().username("jdoe").name("J. Doe").groups(groups).build();
    String before = request.toString();
    groups.add(UUID.randomUUID());
    server.enqueue(json(201, USER));

    client.core().coreUsersCreate(request);

    assertEquals(before, request.toString());
    assertEquals(1, JsonParser.parseString(body(take())).getAsJsonObject().getAsJsonArray("groups").size());
  }

  @Test
  void toStringShowsWhatWasSetAndMasksSecretsAndFreeFormValues() {
    EmailStageRequest stage = EmailStageRequest.builder().name("mail").username("smtp-user").password("hunter2").build();
    UserRequest user = UserRequest.builder().username("jdoe").name("J. Doe")
        .attributes(Map.of("api_password", "s3cret")).build();
    PatchedLDAPSourceRequest ldap = PatchedLDAPSourceRequest.builder().bindPassword("ldap-secret").build();

    assertEquals("EmailStageRequest{name=mail, username=smtp-user, password=****}", stage.toString());
    assertEquals("UserRequest{username=jdoe, name=J. Doe, attributes={1 entry}}", user.toString());
    assertEquals("PatchedLDAPSourceRequest{bindPassword=****}", ldap.toString());
  }

  @Test
  void requestsAreValuesSetAndUnsetDiffer() {
    assertEquals(PatchedUserRequest.builder().name("a").build(), PatchedUserRequest.builder().name("a").build());
    assertEquals(PatchedUserRequest.builder().name("a").build().hashCode(),
        PatchedUserRequest.builder().name("a").build().hashCode());
    // Unset and set to null send different bodies, so they are different values.
    assertNotEquals(PatchedUserRequest.builder().build(), PatchedUserRequest.builder().lastLogin(null).build());
  }

  @Test
  void anUnknownEnumConstantCannotBeSent() {
    UserRequest request = UserRequest.builder().username("jdoe").name("J. Doe").type(UserTypeEnum.UNKNOWN).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.core().coreUsersCreate(request));
    assertTrue(e.getMessage().contains("UserTypeEnum.UNKNOWN"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aNullBodyFailsAtOnce() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> client.core().coreUsersCreate(null));
    assertTrue(e.getMessage().contains("userRequest"), e.getMessage());
  }

  @Test
  void deleteSendsNoBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    client.core().coreUsersDestroy(5);

    RecordedRequest request = take();
    assertEquals("DELETE", request.getMethod());
    assertEquals("/api/v3/core/users/5/", request.getTarget());
    assertNull(request.getBody());
  }

  @Test
  void postAndPatchAreNeverRetriedPutIs() throws Exception {
    server.enqueue(json(503, "{}"));
    assertThrows(ServerException.class, () -> client.core().coreGroupsCreate(GroupRequest.builder().name("g").build()));
    assertEquals(1, server.getRequestCount());

    server.enqueue(json(503, "{}"));
    assertThrows(ServerException.class, () -> client.core().coreUsersPartialUpdate(5, PatchedUserRequest.builder().build()));
    assertEquals(2, server.getRequestCount());

    // PUT is idempotent: retried, with the same body.
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, USER));
    client.core().coreUsersUpdate(5, UserRequest.builder().username("jdoe").name("J. Doe").build());
    take();
    take();
    RecordedRequest first = take();
    RecordedRequest retry = take();
    assertEquals("PUT", retry.getMethod());
    assertEquals(body(first), body(retry));
  }

  @Test
  void aRequestModelNestedInAListIsWrittenWhole() throws Exception {
    server.enqueue(json(200, "[{\"id\": \"1\"}]"));

    List<PermissionAssignResult> results = client.rbac().rbacPermissionsAssignedByRolesAssign(UUID.randomUUID(),
        PermissionAssignRequest.builder().permissions(List.of("authentik_core.view_user")).objectPk("5").build());

    assertEquals("{\"permissions\":[\"authentik_core.view_user\"],\"object_pk\":\"5\"}", body(take()));
    assertEquals("1", results.get(0).getId());
  }

  @Test
  void anOperationOlderReleasesAnswerWithoutABodyReadsAsAnEmptyList() {
    server.enqueue(new MockResponse.Builder().code(204).build());

    List<PermissionAssignResult> results = client.rbac().rbacPermissionsAssignedByRolesAssign(UUID.randomUUID(),
        PermissionAssignRequest.builder().permissions(List.of("authentik_core.view_user")).build());

    assertEquals(List.of(), results);
  }

  @Test
  void aFlowChallengeResponseIsTheVariantTheCallerBuilt() throws Exception {
    server.enqueue(json(200, "{\"component\": \"xak-flow-redirect\", \"to\": \"/if/user/\"}"));

    client.flows().flowsExecutorSolve("default-authentication-flow", "next=%2F",
        IdentificationChallengeResponseRequest.builder().component("ak-stage-identification").uidField("jdoe").build());

    RecordedRequest request = take();
    assertEquals("/api/v3/flows/executor/default-authentication-flow/?query=next%3D%252F", request.getTarget());
    assertEquals("{\"component\":\"ak-stage-identification\",\"uid_field\":\"jdoe\"}", body(request));
  }

  @Test
  void aFileIsUploadedAsAMultipartFormUnderItsOwnName(@TempDir Path dir) throws Exception {
    Path blueprint = Files.writeString(dir.resolve("users.yaml"), "version: 1\nentries: []\n");
    server.enqueue(json(200, "{\"success\": true, \"logs\": []}"));

    client.managed().managedBlueprintsImportCreate().file(blueprint).path("users.yaml").execute();

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertTrue(request.getHeaders().get("Content-Type").startsWith("multipart/form-data; boundary="));
    String form = body(request);
    assertTrue(form.contains("Content-Disposition: form-data; name=\"file\"; filename=\"users.yaml\""), form);
    assertTrue(form.contains("version: 1\nentries: []\n"), form);
    assertTrue(form.contains("Content-Disposition: form-data; name=\"path\"\r\n\r\nusers.yaml\r\n"), form);
  }

  @Test
  void aFileThatIsNotThereFailsAtOnce(@TempDir Path dir) {
    assertThrows(IllegalArgumentException.class,
        () -> client.managed().managedBlueprintsImportCreate().file(dir.resolve("missing.yaml")).execute());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theApisOwnSchemaIsText() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/yaml")
        .body("openapi: 3.0.3\ninfo:\n  title: authentik\n").build());

    String schema = client.schema().schemaRetrieve().format(FormatEnum.YAML).execute();

    assertEquals("openapi: 3.0.3\ninfo:\n  title: authentik\n", schema);
    assertEquals("/api/v3/schema/?format=yaml", take().getTarget());
  }

  @Test
  void anExportedFlowIsBytes() {
    byte[] export = "version: 1\n\u00e9".getBytes(StandardCharsets.UTF_8);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-yaml")
        .body(new okio.Buffer().write(export)).build());

    assertArrayEquals(export, client.flows().flowsInstancesExportRetrieve("default-authentication-flow"));
  }

  @Test
  void aTokenIsCreatedAndDeleted() throws Exception {
    server.enqueue(json(201, "{\"pk\": \"" + UUID.randomUUID() + "\", \"identifier\": \"ci\", \"intent\": \"api\","
        + " \"user\": 5, \"expiring\": false}"));
    server.enqueue(new MockResponse.Builder().code(204).build());

    Token token = client.core().coreTokensCreate(TokenRequest.builder().identifier("ci").intent(IntentEnum.API)
        .user(5).expiring(false).build());
    client.core().coreTokensDestroy(token.getIdentifier());

    JsonObject sent = JsonParser.parseString(body(take())).getAsJsonObject();
    assertEquals("api", sent.get("intent").getAsString());
    assertEquals("/api/v3/core/tokens/ci/", take().getTarget());
    assertNull(token.getDescription());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static String body(RecordedRequest request) {
    return request.getBody().utf8();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
