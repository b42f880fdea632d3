package io.goauthentik.client.examples.service;

import io.goauthentik.client.testkit.FakeAuthentik;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a fake authentik with one refresh token, then {@link TokenService} against it; calls the
 * service once and prints what its health and Prometheus endpoints say about authentik. Pass
 * {@code --serve} to keep it running (http://localhost:8080) instead of stopping.
 */
public final class ServiceDemo {
  private ServiceDemo() {
  }

  public static void main(String[] args) throws Exception {
    boolean serve = args.length > 0 && args[0].equals("--serve");
    try (FakeAuthentik authentik = FakeAuthentik.start()) {
      authentik.addRefreshToken(authentik.addUser("jdoe"), authentik.addProvider("demo-app"));
      ConfigurableApplicationContext service = SpringApplication.run(TokenService.class,
          "--authentik.url=" + authentik.url(), "--authentik.token=" + authentik.token(),
          "--server.port=" + (serve ? 8080 : 0));
      String root = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
      System.out.println("GET /refresh-tokens/count -> " + get(root + "/refresh-tokens/count"));
      System.out.println("GET /actuator/health -> " + get(root + "/actuator/health/authentik"));
      System.out.println("GET /actuator/prometheus (authentik lines):");
      get(root + "/actuator/prometheus").lines().filter(line -> line.contains("authentik_client"))
          .forEach(line -> System.out.println("  " + line));
      if (serve) {
        System.out.println("Serving on " + root + "; Ctrl-C to stop.");
        Thread.currentThread().join();
      }
      SpringApplication.exit(service);
    }
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
