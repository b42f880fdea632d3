package io.goauthentik.client.internal;

import com.google.gson.Gson;
import com.google.gson.stream.JsonReader;
import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthenticationException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.RateLimitException;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.ValidationException;
import io.goauthentik.client.model.GenericError;
import io.goauthentik.client.model.ValidationError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;

/** Turns a non-2xx response or an I/O failure into the exception of README's table. */
final class ErrorMapper {
  /** At most this much of an error body is read: enough for any real error, safe from a huge one. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final int MAX_DETAIL_CHARS = 200;

  private final Gson gson;

  ErrorMapper(Gson gson) {
    this.gson = gson;
  }

  /** The exception for a non-2xx response; reads at most a bounded prefix of its body. */
  ApiException fromResponse(Request request, Response response, int attempt) {
    int code = response.code();
    Map<String, List<String>> headers = response.headers().toMultimap();
    String body = readPrefix(response);
    String detail = null;
    ApiException result;
    switch (code) {
      case 400: {
        ValidationError error = parse(body, ValidationError.class);
        detail = summary(error);
        result = new ValidationException(message(request, code, detail, attempt), headers, body, error);
        break;
      }
      case 401:
      case 403:
      case 404: {
        GenericError error = parse(body, GenericError.class);
        detail = error != null ? error.getDetail() : null;
        String message = message(request, code, detail, attempt);
        result = code == 401 ? new AuthenticationException(message, headers, body, error)
            : code == 403 ? new PermissionDeniedException(message, headers, body, error)
            : new NotFoundException(message, headers, body, error);
        break;
      }
      case 429:
        result = new RateLimitException(message(request, code, null, attempt), headers, body, retryAfter(response));
        break;
      default:
        result = code >= 500 && code <= 599
            ? new ServerException(message(request, code, null, attempt), code, headers, body)
            : new ApiException(message(request, code, null, attempt), code, headers, body, null);
    }
    return result;
  }

  /** The exception for a call that got no usable response. */
  static TransportException transport(Request request, IOException e, int attempt, String during) {
    String what = e instanceof SocketTimeoutException ? "timed out"
        : e instanceof InterruptedIOException ? "timed out or was cancelled"
        : e instanceof ConnectException ? "could not connect"
        : "failed";
    return new TransportException(prefix(request) + what + " while " + during + " (" + e.getClass().getSimpleName()
        + ")" + attempts(attempt), e);
  }

  /** {@code Retry-After} in seconds or as an HTTP-date; null when absent or unreadable. */
  static Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      Date date = response.headers().getDate("Retry-After");
      if (date == null) {
        return null;
      }
      Duration wait = Duration.between(Instant.now(), date.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    }
  }

  static String prefix(Request request) {
    return request.method() + " " + request.url().encodedPath() + ": ";
  }

  static String attempts(int attempt) {
    return attempt > 1 ? " (after " + attempt + " attempts)" : "";
  }

  private static String message(Request request, int code, String detail, int attempt) {
    String text = detail != null ? clean(withoutToken(detail, request)) : "";
    if (text.isEmpty()) {
      text = reason(code);
    }
    return prefix(request) + code + (text.isEmpty() ? "" : " " + text) + attempts(attempt);
  }

  /** A server or proxy may echo the credentials back in its detail; a message must never carry them. */
  private static String withoutToken(String detail, Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
      return detail;
    }
    return detail.replace(authorization.substring(7), "****");
  }

  private static String readPrefix(Response response) {
    try {
      return response.peekBody(MAX_ERROR_BODY_BYTES).string();
    } catch (IOException | RuntimeException e) {
      return null; // the status alone still says what happened
    }
  }

  private <T> T parse(String body, Class<T> type) {
    if (body == null || !body.stripLeading().startsWith("{")) {
      return null;
    }
    try {
      return gson.getAdapter(type).read(new JsonReader(new StringReader(body)));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private static String summary(ValidationError error) {
    if (error == null) {
      return null;
    }
    if (error.getNonFieldErrors() != null && !error.getNonFieldErrors().isEmpty()) {
      return error.getNonFieldErrors().get(0);
    }
    for (Map.Entry<String, Object> field : error.getAdditionalProperties().entrySet()) {
      Object value = field.getValue();
      Object first = value instanceof List && !((List<?>) value).isEmpty() ? ((List<?>) value).get(0) : value;
      return field.getKey() + ": " + first;
    }
    return null;
  }

  /** The server's text, shortened and without control characters, so it cannot forge log lines. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL_CHARS + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < MAX_DETAIL_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.length() >= MAX_DETAIL_CHARS ? out.append('…').toString() : out.toString();
  }

  private static String reason(int code) {
    switch (code) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 409: return "Conflict";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "";
    }
  }
}
