package io.goauthentik.client.internal;

import java.net.Proxy;
import java.net.ProtocolException;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A response that OkHttp would act on by itself, carried up its interceptor chain as an exception
 * so that it reaches the SDK untouched. OkHttp re-sends a request answered 408, or 503 with
 * {@code Retry-After: 0}, outside the SDK's retry rule and budget (a POST would leave twice), and
 * turns a 407 from the server itself (not from a proxy) into a bare {@link ProtocolException}.
 * OkHttp gives up on any {@code ProtocolException} without retrying; the call then settles this one
 * as the response it holds.
 */
final class HeldResponse extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The network interceptor that holds those responses back from OkHttp. */
  static final Interceptor INTERCEPTOR = chain -> {
    Response response = chain.proceed(chain.request());
    if (!isHeld(response.code(), chain.connection())) {
      return response;
    }
    try (response) {
      throw new HeldResponse(response.code(), response.headers(),
          response.peekBody(ErrorMapper.MAX_ERROR_BODY_BYTES).string());
    }
  };

  private final int code;
  private final transient Headers headers;
  private final String body;

  private HeldResponse(int code, Headers headers, String body) {
    super("HTTP " + code + ", held back from OkHttp's own follow-ups");
    this.code = code;
    this.headers = headers;
    this.body = body;
  }

  private static boolean isHeld(int code, Connection connection) {
    switch (code) {
      case 408:
      case 503:
        return true;
      case 407: // a proxy's own 407 is OkHttp's to answer with the proxy authenticator
        return connection == null || connection.route().proxy().type() != Proxy.Type.HTTP;
      default:
        return false;
    }
  }

  int code() {
    return code;
  }

  Headers headers() {
    return headers;
  }

  String body() {
    return body;
  }
}
