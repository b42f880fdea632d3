package io.goauthentik.client;

import static io.goauthentik.client.ModelAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.AccessDeniedChallenge;
import io.goauthentik.client.model.AuthenticatedSessionGeoIp;
import io.goauthentik.client.model.ChallengeTypes;
import io.goauthentik.client.model.Disk;
import io.goauthentik.client.model.ErrorDetail;
import io.goauthentik.client.model.Event;
import io.goauthentik.client.model.Flow;
import io.goauthentik.client.model.FlowDesignationEnum;
import io.goauthentik.client.model.Group;
import io.goauthentik.client.model.IdentificationChallenge;
import io.goauthentik.client.model.LifecycleIteration;
import io.goauthentik.client.model.LoginChallengeTypes;
import io.goauthentik.client.model.PlexAuthenticationChallenge;
import io.goauthentik.client.model.PromptChoice;
import io.goauthentik.client.model.StagePrompt;
import io.goauthentik.client.model.SystemTask;
import io.goauthentik.client.model.SystemTaskStatusEnum;
import io.goauthentik.client.model.UserSourceConnection;
import io.goauthentik.client.model.Worker;
import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tolerant reader on the rest of the API: every construct authentik's schemas use reads what a
 * server of any release sends (oneOf by discriminator, enum references wrapped in allOf, free-form
 * and typed maps, doubles, int64, UUIDs, date-times, nulls where the schema allows none) and what a
 * newer server may send (an unknown discriminator, an unknown enum value, unknown properties), and
 * every shape change between releases the contract records (x-or-single, x-or-object-key,
 * x-from-string) reads both ways.
 */
class FullApiReaderTest {
  private static final String FUTURE = "from_a_future_release";

  @RegisterExtension
  final MockAuthentik authentik = new MockAuthentik().configure(b -> b.maxRetries(0).release("2026.5.6")); // queued answers: nothing asks admin/version
  private final MockWebServer server = authentik.server();
  private final AuthentikClient client = authentik.client();

  @Test
  void aChallengeReadsAsTheModelItsComponentNames() {
    String json = "{\"flow_info\": {\"title\": \"Welcome\"}, \"component\": \"ak-stage-identification\","
        + " \"user_fields\": [\"username\", \"email\"], \"password_fields\": false, \"primary_action\": \"Log in\","
        + " \"show_source_labels\": true, \"flow_designation\": \"authentication\", \"x_new\": {\"a\": [1]},"
        + " \"sources\": [{\"name\": \"Plex\", \"challenge\": {\"component\": \"ak-source-plex\", \"client_id\": \"c\","
        + " \"slug\": \"plex\"}}, {\"name\": \"Later\", \"challenge\": {\"component\": \"" + FUTURE + "\"}}]}";
    server.enqueue(ok(json));

    ChallengeTypes challenge = client.flows().flowsExecutorGet("default-authentication-flow", "next=/");

    IdentificationChallenge identification = assertInstanceOf(IdentificationChallenge.class, challenge);
    assertEquals("ak-stage-identification", challenge.getComponent());
    assertEquals(List.of("username", "email"), identification.getUserFields());
    assertEquals(FlowDesignationEnum.AUTHENTICATION, identification.getFlowDesignation());
    LoginChallengeTypes plex = identification.getSources().get(0).getChallenge();
    assertEquals("plex", assertInstanceOf(PlexAuthenticationChallenge.class, plex).getSlug());
    LoginChallengeTypes later = identification.getSources().get(1).getChallenge();
    assertEquals(FUTURE, assertInstanceOf(LoginChallengeTypes.Unknown.class, later).getComponent());
  }

  @Test
  void anUnknownComponentReadsAsUnknownWithEveryPropertyKept() {
    server.enqueue(ok("{\"title\": \"t\", \"component\": \"" + FUTURE + "\", \"depth\": {\"a\": [1, 2.5, null, true]}}"));

    ChallengeTypes challenge = client.flows().flowsExecutorGet("f", "q");

    ChallengeTypes.Unknown unknown = assertInstanceOf(ChallengeTypes.Unknown.class, challenge);
    assertEquals(FUTURE, unknown.getComponent());
    assertEquals(JsonParser.parseString("{\"title\": \"t\", \"component\": \"" + FUTURE + "\","
        + " \"depth\": {\"a\": [1, 2.5, null, true]}}"), new com.google.gson.Gson().toJsonTree(unknown.getProperties()));
    assertThrows(UnsupportedOperationException.class, () -> unknown.getProperties().put("x", 1));
    // toString shows the discriminator and a count, never the values.
    assertEquals("ChallengeTypes.Unknown{component=" + FUTURE + ", properties={3 entries}}", unknown.toString());
  }

  @Test
  void aChallengeWithoutAComponentReadsAsUnknown() {
    server.enqueue(ok("{\"title\": \"t\"}"));

    ChallengeTypes challenge = client.flows().flowsExecutorGet("f", "q");

    assertNull(assertInstanceOf(ChallengeTypes.Unknown.class, challenge).getComponent());
  }

  @Test
  void aMapOfListsOfModelsReadsWhole() throws IOException {
    AccessDeniedChallenge denied = read(AccessDeniedChallenge::fromJson, "{\"component\": \"ak-stage-access-denied\","
        + " \"response_errors\": {\"password\": [{\"string\": \"Too short\", \"code\": \"invalid\"}], \"uid\": []}}");

    Map<String, List<ErrorDetail>> errors = denied.getResponseErrors();
    assertEquals(List.of("password", "uid"), List.copyOf(errors.keySet()));
    assertEquals("Too short", errors.get("password").get(0).getString());
    assertThrows(UnsupportedOperationException.class, () -> errors.get("uid").add(null));
  }

  @Test
  void anEnumWrappedInAllOfReadsUnknownValuesAsUnknown() throws IOException {
    Flow flow = read(Flow::fromJson, "{\"slug\": \"f\", \"designation\": \"" + FUTURE + "\"}");

    assertEquals(FlowDesignationEnum.UNKNOWN, flow.getDesignation());
    assertEquals(FUTURE, flow.getDesignationRaw());
  }

  @Test
  void nullsAndAbsencesTheSchemaDoesNotAdmitReadAsNull() throws IOException {
    Flow flow = read(Flow::fromJson, "{\"pk\": null, \"name\": null, \"slug\": null, \"designation\": null,"
        + " \"stages\": null}");

    assertNull(flow.getPk());
    assertNull(flow.getSlug());
    assertNull(flow.getDesignation());
    assertNull(flow.getStages());
    assertNull(flow.getTitle());
  }

  @Test
  void anyJsonIsKeptAsSent() throws IOException {
    Event event = read(Event::fromJson, "{\"pk\": \"" + UUID.randomUUID() + "\", \"action\": \"login\","
        + " \"created\": \"2026-12-01T10:15:30.123456+02:00\", \"user\": {\"pk\": 5, \"username\": \"jdoe\"},"
        + " \"context\": {\"http_request\": {\"args\": {}, \"path\": \"/\"}, \"auth_method\": \"password\"},"
        + " \"brand\": \"a string where older releases allow any JSON\"}");

    assertEquals(OffsetDateTime.parse("2026-12-01T10:15:30.123456+02:00"), event.getCreated());
    assertEquals(Map.of("pk", 5L, "username", "jdoe"), event.getUser());
    assertEquals("password", ((Map<?, ?>) event.getContext()).get("auth_method"));
    assertEquals("a string where older releases allow any JSON", event.getBrand());
    // toString shows free-form values by their size only: they hold what admins and users put there.
    assertFalse(event.toString().contains("jdoe"), event.toString());
  }

  @Test
  void int64AndDoublesReadWhole() throws IOException {
    Disk disk = read(Disk::fromJson, "{\"name\": \"/dev/sda\", \"capacity_total_bytes\": 4000787030016,"
        + " \"capacity_used_bytes\": \"1200000000000\"}");
    AuthenticatedSessionGeoIp where = read(AuthenticatedSessionGeoIp::fromJson,
        "{\"city\": \"Berlin\", \"lat\": 52.52, \"long\": 13.405}");

    assertEquals(4_000_787_030_016L, disk.getCapacityTotalBytes());
    assertEquals(1_200_000_000_000L, disk.getCapacityUsedBytes());
    assertEquals(52.52, where.getLat());
    assertEquals(13.405, where.getLong());
  }

  @Test
  void aValueThatMeansNothingForItsTypeIsAMalformedResponse() {
    server.enqueue(ok("{\"slug\": \"f\", \"stages\": [\"not-a-uuid\"]}"));

    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> client.flows().flowsInstancesRetrieve("f"));
    assertTrue(e.getMessage().contains("(IllegalArgumentException at $.stages["), e.getMessage());
  }

  @Test
  void aSingleObjectReadsAsAOneItemListWhereOlderReleasesSentOne() {
    // 2024.2 to 2024.10 answer /admin/workers/ with {"count": n}; later releases with a list of workers.
    server.enqueue(ok("{\"count\": 2}"));
    server.enqueue(ok("[{\"worker_id\": \"w1\", \"version\": \"2025.6.4\", \"version_matching\": true}]"));
    // 2026.2 answers the latest lifecycle iteration as one object, 2026.5 as a list.
    server.enqueue(ok("{\"id\": \"" + UUID.randomUUID() + "\", \"object_id\": \"5\", \"state\": \"pending\"}"));

    List<Worker> old = authentik.client(b -> b.release("2024.10.5")).admin().adminWorkersList();
    List<Worker> current = authentik.client(b -> b.release("2025.6.4")).admin().adminWorkersList();
    List<LifecycleIteration> latest = authentik.client(b -> b.release("2026.2.6")).lifecycle()
        .lifecycleIterationsListLatest("authentik_core.user", "5").execute();

    assertEquals(2, old.get(0).getCount());
    assertEquals("w1", current.get(0).getWorkerId());
    assertEquals("5", latest.get(0).getObjectId());
  }

  @Test
  void anObjectReadsAsItsPkWhereOlderReleasesSentTheWholeObject() {
    UUID source = UUID.randomUUID();
    // 2024.10.5 sends the source itself; 2025.2 and later its pk.
    server.enqueue(ok("{\"pk\": 1, \"user\": 5, \"source\": {\"pk\": \"" + source + "\", \"name\": \"LDAP\","
        + " \"slug\": \"ldap\", \"nested\": {\"x\": [1]}}, \"identifier\": \"cn=jdoe\"}"));
    server.enqueue(ok("{\"pk\": 1, \"user\": 5, \"source\": \"" + source + "\", \"identifier\": \"cn=jdoe\"}"));

    UserSourceConnection old = client.sources().sourcesUserConnectionsAllRetrieve(1);
    UserSourceConnection current = client.sources().sourcesUserConnectionsAllRetrieve(1);

    assertEquals(source, old.getSource());
    assertEquals(old, current);
  }

  @Test
  void aStringReadsAsTheObjectItStandsForWhereOlderReleasesSentStrings() throws IOException {
    // Prompt choices: strings up to 2025.6, {value, label} objects from 2025.10.
    StagePrompt old = read(StagePrompt::fromJson, "{\"field_key\": \"size\", \"choices\": [\"S\", \"M\"]}");
    StagePrompt current = read(StagePrompt::fromJson,
        "{\"field_key\": \"size\", \"choices\": [{\"value\": \"S\", \"label\": \"Small\"}]}");

    assertEquals(List.of("S", "M"), old.getChoices().stream().map(PromptChoice::getValue).toList());
    assertNull(old.getChoices().get(0).getLabel());
    assertEquals("Small", current.getChoices().get(0).getLabel());
  }

  @Test
  void anEnumValueCalledUnknownIsNotTheUnknownConstant() throws IOException {
    SystemTask task = read(SystemTask::fromJson, "{\"name\": \"t\", \"status\": \"unknown\", \"duration\": 1.5}");
    SystemTask future = read(SystemTask::fromJson, "{\"name\": \"t\", \"status\": \"" + FUTURE + "\"}");

    assertEquals(SystemTaskStatusEnum.UNKNOWN_VALUE, task.getStatus());
    assertEquals("unknown", task.getStatus().getValue());
    assertEquals(SystemTaskStatusEnum.UNKNOWN, future.getStatus());
    assertEquals(1.5, task.getDuration());
  }

  @Test
  void aGroupReadsWithItsMembersOrWithout() throws IOException {
    String brief = "{\"pk\": \"" + UUID.randomUUID() + "\", \"num_pk\": 7, \"name\": \"admins\", \"is_superuser\": true,"
        + " \"attributes\": {}}";
    String whole = brief.substring(0, brief.length() - 1) + ", \"users\": [5], \"users_obj\": [{\"pk\": 5,"
        + " \"username\": \"jdoe\", \"name\": \"J\", \"uid\": \"u\"}], \"roles\": [], \"roles_obj\": [],"
        + " \"children\": [], \"children_obj\": []}";

    Group briefGroup = read(Group::fromJson, brief);
    Group wholeGroup = read(Group::fromJson, whole);

    assertMatches(JsonParser.parseString(brief), briefGroup);
    assertMatches(JsonParser.parseString(whole), wholeGroup);
    assertNull(briefGroup.getUsersObj());
    assertEquals("jdoe", wholeGroup.getUsersObj().get(0).getUsername());
  }

  private static <T> T read(io.goauthentik.client.internal.ValueReader<T> reader, String json) throws IOException {
    return reader.read(new JsonReader(new StringReader(json)));
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
