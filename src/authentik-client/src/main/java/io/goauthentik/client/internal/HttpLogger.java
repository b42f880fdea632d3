package io.goauthentik.client.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs one line per HTTP exchange to the {@code io.goauthentik.client.http} {@link System.Logger}:
 * method, URL (without query), status, time. Headers go to DEBUG with {@code Authorization} and
 * cookies redacted, the API token masked wherever else it appears (a server may echo it in any
 * header) and control characters replaced, so no value can forge a log line. Bodies are never
 * logged: a successful body may hold secrets.
 */
public final class HttpLogger implements Interceptor {
  private static final Logger LOG = System.getLogger("io.goauthentik.client.http");

  private final Redactor redactor;

  /** @param redactor masks the API token in header values */
  public HttpLogger(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    long start = System.nanoTime();
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "--> " + request.method() + " " + shown(request.url()) + "\n" + redact(request.headers()));
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (HeldResponse held) {
      LOG.log(Level.INFO, request.method() + " " + shown(request.url()) + " -> " + held.code() + " (" + millis(start)
          + " ms)");
      throw held;
    } catch (IOException e) {
      LOG.log(Level.INFO, request.method() + " " + shown(request.url()) + " failed after " + millis(start) + " ms: "
          + e.getClass().getSimpleName());
      throw e;
    }
    LOG.log(Level.INFO, request.method() + " " + shown(request.url()) + " -> " + response.code() + " ("
        + millis(start) + " ms)");
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "<-- " + response.code() + "\n" + redact(response.headers()));
    }
    return response;
  }

  /** The URL without user info and query. ({@link HttpUrl#redact()} would drop the path as well.) */
  private static HttpUrl shown(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).build();
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private String redact(Headers headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      boolean secret = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
          || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie");
      out.append(redactor.printable(name)).append(": ").append(secret ? "██" : redactor.printable(headers.value(i)))
          .append('\n');
    }
    return out.toString();
  }
}
