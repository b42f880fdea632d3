package io.goauthentik.client.internal;

import com.google.gson.stream.JsonReader;
import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthenticationException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.RateLimitException;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.ValidationException;
import io.goauthentik.client.model.GenericError;
import io.goauthentik.client.model.ValidationError;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Turns a non-2xx response into the exception of README's table, with the typed body where the
 * status has one. The token is masked in everything the exception keeps: message, body, headers
 * and typed body, since a server or proxy may echo it.
 */
final class ErrorMapper {
  /** At most this much of an error body is read: enough for any real error, safe from a huge one. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final Redactor redactor;

  ErrorMapper(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The exception for a non-2xx response; reads at most a bounded prefix of its body. */
  ApiException fromResponse(Request request, Response response, int attempt) {
    return fromParts(request, response.code(), response.headers(), readPrefix(response), attempt);
  }

  /** The exception for a status, its headers and the start of its body. */
  ApiException fromParts(Request request, int code, Headers responseHeaders, String rawBody, int attempt) {
    Map<String, List<String>> headers = redactor.mask(responseHeaders.toMultimap());
    String body = redactor.mask(rawBody);
    switch (code) {
      case 400: {
        ValidationError error = parse(body, ValidationError::fromJson);
        return new ValidationException(message(request, code, summary(error), attempt), headers, body, error);
      }
      case 401: {
        GenericError error = parse(body, GenericError::fromJson);
        return new AuthenticationException(message(request, code, detail(error), attempt), headers, body, error);
      }
      case 403: {
        GenericError error = parse(body, GenericError::fromJson);
        return new PermissionDeniedException(message(request, code, detail(error), attempt), headers, body, error);
      }
      case 404: {
        GenericError error = parse(body, GenericError::fromJson);
        String message = message(request, code, detail(error), attempt);
        ServerRelease.Doubt doubt = request.tag(ServerRelease.Doubt.class);
        if (doubt != null && (error == null || error.getDetail() == null)) {
          // Not authentik's own "no such object": perhaps no such operation in the server's release.
          message += doubt.text;
        }
        return new NotFoundException(message, headers, body, error);
      }
      case 429:
        return new RateLimitException(message(request, code, null, attempt), headers, body,
            RetryPolicy.retryAfter(responseHeaders));
      default:
        String message = message(request, code, code >= 300 && code < 400 ? redirect(request, responseHeaders) : null,
            attempt);
        return code >= 500 && code <= 599 ? new ServerException(message, code, headers, body)
            : new ApiException(message, code, headers, body, null);
    }
  }

  /** {@code GET /api/v3/...: }: how every message of a call begins. */
  static String prefix(Request request) {
    return request.method() + " " + request.url().encodedPath() + ": ";
  }

  /** How every message of a call that was tried more than once ends. */
  static String attempts(int attempt) {
    return attempt > 1 ? " (after " + attempt + " attempts)" : "";
  }

  private String message(Request request, int code, String detail, int attempt) {
    String text = detail != null ? redactor.clean(detail) : "";
    if (code >= 300 && code < 400) {
      text = (reason(code) + " " + text).trim();
    } else if (text.isEmpty()) {
      text = reason(code);
    }
    return prefix(request) + code + (text.isEmpty() ? "" : " " + text) + attempts(attempt);
  }

  /**
   * Where a redirect that was not followed points, and why it was not. The query is left out: a login
   * page's parameters are nobody's business in a log.
   */
  private static String redirect(Request request, Headers responseHeaders) {
    String location = responseHeaders.get("Location");
    HttpUrl target = location != null ? request.url().resolve(location) : null;
    String method = request.method();
    String why = method.equals("GET") || method.equals("HEAD")
        ? "not followed: it leaves the origin " + origin(request.url())
        : "not followed: only GET and HEAD follow redirects, and a proxy's answer to a " + method + " is not the API's";
    return target == null ? "without a usable Location (" + why + ")"
        : "to " + origin(target) + target.encodedPath() + " (" + why + ")";
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
  }

  private static String readPrefix(Response response) {
    try {
      return response.peekBody(MAX_ERROR_BODY_BYTES).string();
    } catch (IOException | RuntimeException e) {
      return null; // the status alone still says what happened
    }
  }

  private static <T> T parse(String body, ValueReader<T> reader) {
    if (body == null || !body.stripLeading().startsWith("{")) {
      return null;
    }
    try {
      return reader.read(new JsonReader(new StringReader(body)));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return null; // an unreadable error body: the status still says what happened
    }
  }

  private static String detail(GenericError error) {
    return error != null ? error.getDetail() : null;
  }

  private static String summary(ValidationError error) {
    if (error == null) {
      return null;
    }
    if (error.getNonFieldErrors() != null && !error.getNonFieldErrors().isEmpty()) {
      return error.getNonFieldErrors().get(0);
    }
    // Only the fields' names: a field's error may quote the value sent, a password or a webhook URL.
    Set<String> fields = error.getAdditionalProperties().keySet();
    return fields.isEmpty() ? null : "invalid " + String.join(", ", fields);
  }

  private static String reason(int code) {
    switch (code) {
      case 301: return "Moved Permanently";
      case 302: return "Found";
      case 303: return "See Other";
      case 307: return "Temporary Redirect";
      case 308: return "Permanent Redirect";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 407: return "Proxy Authentication Required";
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
