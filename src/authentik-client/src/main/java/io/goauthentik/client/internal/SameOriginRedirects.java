package io.goauthentik.client.internal;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows redirects the SDK's way, in place of OkHttp's (which the client turns off): only a GET or
 * HEAD, only to the same origin (scheme, host and port), with every header kept. Anything else that
 * answers 3xx goes back to the call as it came and ends in an {@code ApiException} naming its
 * {@code Location}: a proxy's login page is not the answer to a DELETE, and a request whose token
 * must not leave the origin is not sent elsewhere at all.
 */
final class SameOriginRedirects implements Interceptor {
  static final SameOriginRedirects INSTANCE = new SameOriginRedirects();

  /** As many as OkHttp, curl and wget follow. */
  private static final int MAX_REDIRECTS = 20;

  private SameOriginRedirects() {
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int redirects = 0; ; redirects++) {
      HttpUrl target = followable(response);
      if (target == null) {
        return response;
      }
      response.close();
      if (redirects == MAX_REDIRECTS) {
        throw new ProtocolException("Too many redirects: " + (redirects + 1));
      }
      request = request.newBuilder().url(target).build();
      response = chain.proceed(request);
    }
  }

  /** Where to go next, or {@code null} when this response is the answer. */
  private static HttpUrl followable(Response response) {
    switch (response.code()) {
      case 301: case 302: case 303: case 307: case 308:
        break;
      default:
        return null;
    }
    Request request = response.request();
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return null;
    }
    HttpUrl target = location(response);
    return target != null && sameOrigin(request.url(), target) ? target : null;
  }

  /** The response's {@code Location}, resolved against its request; {@code null} when absent or unusable. */
  static HttpUrl location(Response response) {
    String location = response.header("Location");
    return location != null ? response.request().url().resolve(location) : null;
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
