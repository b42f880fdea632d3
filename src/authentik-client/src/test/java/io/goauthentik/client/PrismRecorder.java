package io.goauthentik.client;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keeps every exchange of the client it is added to, in the order the requests went out: what the
 * contract sweeps (PrismContractTest, FullApiContractTest) check each call against.
 */
final class PrismRecorder implements Interceptor {
  /** One request as it went over the wire, and Prism's answer. */
  record Exchange(String method, HttpUrl url, String authorization, int code, String violations, String body) {
    /** Prism's findings about the request; those about its own random response are not the SDK's. */
    String requestViolations() {
      if (violations == null) {
        return null;
      }
      List<String> request = new ArrayList<>();
      JsonParser.parseString(violations).getAsJsonArray().forEach(v -> {
        if (v.getAsJsonObject().getAsJsonArray("location").get(0).getAsString().equals("request")) {
          request.add(v.toString());
        }
      });
      return request.isEmpty() ? null : request.toString();
    }

    @Override
    public String toString() {
      return method + " " + url + " -> " + code + " "
          + (body == null || body.length() <= 400 ? body : body.substring(0, 400) + "...");
    }
  }

  private final List<Exchange> exchanges = new ArrayList<>(); // guarded by this

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    Exchange exchange = new Exchange(request.method(), request.url(), request.header("Authorization"),
        response.code(), response.header("sl-violations"), response.peekBody(Long.MAX_VALUE).string());
    synchronized (this) {
      exchanges.add(exchange);
    }
    return response;
  }

  synchronized int size() {
    return exchanges.size();
  }

  synchronized List<Exchange> since(int mark) {
    return List.copyOf(exchanges.subList(mark, exchanges.size()));
  }
}
