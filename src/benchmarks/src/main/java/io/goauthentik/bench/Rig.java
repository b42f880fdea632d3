package io.goauthentik.bench;

import io.goauthentik.bench.stock.ApiClient;
import io.goauthentik.bench.stock.ApiException;
import io.goauthentik.client.AuthentikClient;
import io.goauthentik.client.CallObserver;
import io.goauthentik.client.api.Oauth2Api;
import io.goauthentik.client.model.RefreshToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The three contenders wired to one shared OkHttpClient: the SDK, the hand-written call and the
 * stock generated client. Each is built once, like a service would, and then only called.
 */
final class Rig {
  static final String TOKEN = "bench-api-token-0123456789abcdef";
  static final int ID = 42;
  private static final CallObserver.Observation IGNORED = outcome -> { };
  private static final CallObserver NO_OP = (call, headers) -> IGNORED;

  final OkHttpClient http;
  final Oauth2Api sdk;
  /** The SDK with a no-op observer: what observing itself costs, with nothing recorded. */
  final Oauth2Api sdkObserved;
  final HandWritten handWritten;
  final io.goauthentik.bench.stock.api.Oauth2Api stock;
  private final AuthentikClient sdkClient;
  private final AuthentikClient sdkObservedClient;

  private Rig(OkHttpClient http, String root) {
    this.http = http;
    this.sdkClient = AuthentikClient.builder().baseUrl(root).token(TOKEN).httpClient(http).build();
    this.sdk = sdkClient.oauth2();
    this.sdkObservedClient = sdkClient.newBuilder().observer(NO_OP).build();
    this.sdkObserved = sdkObservedClient.oauth2();
    this.handWritten = new HandWritten(http, root + "/api/v3", TOKEN);
    ApiClient stockClient = new ApiClient(http);
    stockClient.setBasePath(root + "/api/v3");
    stockClient.setBearerToken(TOKEN);
    this.stock = new io.goauthentik.bench.stock.api.Oauth2Api(stockClient);
    check();
  }

  /** Every call is answered in memory with {@code body}: no socket, only the clients' own work. */
  static Rig canned(byte[] body) {
    MediaType json = MediaType.get("application/json");
    Interceptor answer = chain -> new Response.Builder()
        .request(chain.request())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("Content-Type", "application/json")
        .body(ResponseBody.create(body, json))
        .build();
    return new Rig(new OkHttpClient.Builder().addInterceptor(answer).build(), "https://authentik.example");
  }

  /** Every call goes to {@code server} over loopback, on kept-alive connections. */
  static Rig loopback(LoopbackServer server) {
    return new Rig(new OkHttpClient(), server.url());
  }

  RefreshToken sdk() {
    return sdk.oauth2RefreshTokensRetrieve(ID);
  }

  RefreshToken sdkObserved() {
    return sdkObserved.oauth2RefreshTokensRetrieve(ID);
  }

  PlainRefreshToken handWritten() {
    try {
      return handWritten.retrieve(ID);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  io.goauthentik.bench.stock.model.RefreshToken stock() {
    try {
      return stock.oauth2RefreshTokensRetrieve(ID);
    } catch (ApiException e) {
      throw new IllegalStateException("stock client failed: " + e.getCode(), e);
    }
  }

  /** Fails the run unless all three read the same token. */
  void check() {
    Parsed.same(sdk(), handWritten(), stock());
  }

  void close() {
    sdkClient.close();
    sdkObservedClient.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
