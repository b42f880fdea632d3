package io.goauthentik.client.examples.service;

import io.goauthentik.client.AuthentikClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service that uses the starter's {@link AuthentikClient} bean: nothing wires the client by hand. */
@SpringBootApplication
@RestController
public class TokenService {
  private final AuthentikClient authentik;

  /**
   * @param authentik the starter's client, from {@code authentik.*}
   */
  public TokenService(AuthentikClient authentik) {
    this.authentik = authentik;
  }

  /** How many refresh tokens authentik holds (the first page of them). */
  @GetMapping("/refresh-tokens/count")
  public int refreshTokens() {
    return authentik.oauth2().oauth2RefreshTokensList().execute().getResults().size();
  }

  public static void main(String[] args) {
    SpringApplication.run(TokenService.class, args);
  }
}
