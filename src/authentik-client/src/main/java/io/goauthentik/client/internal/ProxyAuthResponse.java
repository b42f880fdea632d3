package io.goauthentik.client.internal;

import java.net.Proxy;
import java.net.ProtocolException;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A 407 from the server itself (not from a proxy) as it travels up OkHttp's interceptor chain.
 * OkHttp answers such a 407 with a bare {@link ProtocolException}, losing the response; the
 * {@link #INTERCEPTOR} turns it into this exception instead, which keeps what the error needs
 * (OkHttp gives up on any {@code ProtocolException} without retrying), and the call reports it as
 * an {@code ApiException} with code 407.
 */
final class ProxyAuthResponse extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** A network interceptor that catches a 407 on a connection that goes through no HTTP proxy. */
  static final Interceptor INTERCEPTOR = chain -> {
    Response response = chain.proceed(chain.request());
    Connection connection = chain.connection();
    if (response.code() != 407 || connection != null && connection.route().proxy().type() == Proxy.Type.HTTP) {
      return response;
    }
    try (response) {
      throw new ProxyAuthResponse(response.headers(), response.peekBody(ErrorMapper.MAX_ERROR_BODY_BYTES).string());
    }
  };

  private final transient Headers headers;
  private final String body;

  private ProxyAuthResponse(Headers headers, String body) {
    super("HTTP 407 from the server, not from a proxy");
    this.headers = headers;
    this.body = body;
  }

  Headers headers() {
    return headers;
  }

  String body() {
    return body;
  }
}
