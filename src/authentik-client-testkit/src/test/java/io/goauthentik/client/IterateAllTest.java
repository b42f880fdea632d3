package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.goauthentik.client.model.RefreshToken;
import io.goauthentik.client.testkit.FakeAuthentik;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** iterateAll() over a server that really pages: every result once, in the server's order. */
class IterateAllTest {
  private final FakeAuthentik fake = FakeAuthentik.start();
  private final AuthentikClient client = fake.clientBuilder().build();

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  /**
   * A caller quicker than the server (one that only counts, say) once got pages 2 to the last twice
   * each with fetch-ahead: a page arriving between its hand-out and the next let the one after the
   * previous page be requested again.
   */
  @ParameterizedTest(name = "fetchAhead({0})")
  @ValueSource(ints = {0, 1, 2, 4})
  void walksEveryResultOnce(int fetchAhead) {
    assertEveryResultOnce(fetchAhead);
  }

  private void assertEveryResultOnce(int fetchAhead) {
    int jdoe = fake.addUser("jdoe");
    int grafana = fake.addProvider("Grafana");
    List<Integer> ids = IntStream.range(0, 45).mapToObj(i -> fake.addRefreshToken(jdoe, grafana))
        .collect(Collectors.toList());

    List<Integer> walked = client.oauth2().oauth2RefreshTokensList().ordering("pk").pageSize(4).iterateAll()
        .fetchAhead(fetchAhead).stream().map(RefreshToken::getPk).collect(Collectors.toList());

    assertEquals(ids, walked);
  }
}
