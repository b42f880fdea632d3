package io.goauthentik.tokens;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.AuthentikRelease;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.model.UserSelf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code doctor}: whether the tool can work with the server: its release and whether the SDK knows
 * it, and the token's user. Fails (with the usual exit codes) when the server cannot be reached or
 * the token is refused.
 */
@Command(name = "doctor")
final class DoctorCommand implements Callable<Integer> {
  /** The releases the SDK was made for (openapi.yaml's first line): 2024.2 to 2026.5. */
  private static final AuthentikRelease OLDEST = AuthentikRelease.parse("2024.2.0");
  private static final AuthentikRelease PAST_NEWEST = AuthentikRelease.parse("2026.6.0-a");

  private final Session session;

  DoctorCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    AuthentikClient client = session.client();
    // The token's user first: an unreachable server or a refused token ends here, with its exit code.
    UserSelf user = client.core().coreUsersMeRetrieve().getUser();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("server", client.baseUrl());
    try {
      AuthentikRelease release = client.serverRelease();
      record.put("release", release.toString());
      record.put("supported", release.compareTo(OLDEST) >= 0 && release.compareTo(PAST_NEWEST) < 0
          ? "yes" : "no: the SDK knows 2024.2 to 2026.5; calls are sent as to 2026.5");
    } catch (TransportException e) {
      throw e;
    } catch (ApiException e) {
      record.put("release", "unknown (" + e.getMessage() + ")");
      record.put("supported", "unknown: calls are sent as to 2026.5");
    }
    record.put("user", user == null ? null : user.getUsername());
    record.put("user_pk", user == null ? null : user.getPk());
    record.put("superuser", user == null ? null : user.getIsSuperuser());
    RecordSink.printOne(session.options.output, session.io.out, record);
    return ExitCode.OK;
  }
}
