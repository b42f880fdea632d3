package io.goauthentik.tokens;

import io.goauthentik.client.ApiException;
import io.goauthentik.client.AuthenticationException;
import io.goauthentik.client.MalformedResponseException;
import io.goauthentik.client.NotFoundException;
import io.goauthentik.client.PermissionDeniedException;
import io.goauthentik.client.RateLimitException;
import io.goauthentik.client.ServerException;
import io.goauthentik.client.TransportException;
import io.goauthentik.client.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tool's exit codes, one per kind of outcome a script may want to branch on, and which
 * exception of the SDK ends in which. Listed in {@code --help} and README; never renumber one.
 */
final class ExitCode {
  /** Done. */
  static final int OK = 0;
  /**
   * The work is not done: the confirmation was declined, revoke-user left grants behind, or a list
   * stopped because its output was closed ({@code | head}).
   */
  static final int NOT_DONE = 1;
  /**
   * The command line or the configuration is wrong (picocli's code for usage errors); also a
   * username or provider name that more than one matches (give the pk).
   */
  static final int USAGE = 2;
  /**
   * 404: no such grant (or another user's, for a token that is not a superuser's) or user; also no
   * user or provider with the name given.
   */
  static final int NOT_FOUND = 3;
  /** 401 or 403: the API token is wrong or expired, or lacks the permission. */
  static final int DENIED = 4;
  /** 400: the server rejected a parameter. */
  static final int VALIDATION = 5;
  /** 429: rate limited, also after the SDK's retries. */
  static final int RATE_LIMITED = 6;
  /** 5xx: the server or a proxy in front of it failed. */
  static final int SERVER_ERROR = 7;
  /** No response: connection refused or reset, timeout, TLS failure. */
  static final int TRANSPORT = 8;
  /** A 2xx response that could not be read, or a list that ignored its filter. */
  static final int MALFORMED = 9;
  /** Any other HTTP status. */
  static final int OTHER_HTTP = 10;
  /** A bug in the tool (rerun with --debug for the stack trace). */
  static final int INTERNAL = 70;

  private ExitCode() {
  }

  /**
   * The exit code a failure ends the tool with.
   *
   * @param failure what a command threw
   * @return one of the codes above, never {@link #OK}
   */
  static int of(Throwable failure) {
    if (failure instanceof UsageException) {
      return USAGE;
    }
    if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (failure instanceof AuthenticationException || failure instanceof PermissionDeniedException) {
      return DENIED;
    }
    if (failure instanceof ValidationException) {
      return VALIDATION;
    }
    if (failure instanceof RateLimitException) {
      return RATE_LIMITED;
    }
    if (failure instanceof ServerException) {
      return SERVER_ERROR;
    }
    if (failure instanceof TransportException) {
      return TRANSPORT;
    }
    if (failure instanceof MalformedResponseException) {
      return MALFORMED;
    }
    if (failure instanceof ApiException) {
      return OTHER_HTTP;
    }
    return INTERNAL;
  }

  /**
   * What kind of failure it is, in a few words, to start its line on stderr.
   *
   * @param failure what a command threw
   * @return such as {@code "not found"}
   */
  static String label(Throwable failure) {
    switch (of(failure)) {
      case USAGE: return "usage";
      case NOT_FOUND: return "not found";
      case DENIED: return "permission denied";
      case VALIDATION: return "rejected";
      case RATE_LIMITED: return "rate limited";
      case SERVER_ERROR: return "server error";
      case TRANSPORT: return "no response";
      case MALFORMED: return "malformed response";
      case OTHER_HTTP: return "HTTP error";
      default: return "internal error";
    }
  }

  /**
   * The list {@code --help} prints, code to meaning.
   *
   * @return the codes in order
   */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    list.put(" " + OK, "success");
    list.put(" " + NOT_DONE, "not done: confirmation declined, revoke-user left grants (run it again), or output closed");
    list.put(" " + USAGE, "usage error: bad option or argument, missing configuration, --yes needed, a name more than one has");
    list.put(" " + NOT_FOUND, "not found (404), or no user or provider by the name given");
    list.put(" " + DENIED, "authentication failed or permission denied (401, 403)");
    list.put(" " + VALIDATION, "validation: the server rejected a parameter (400)");
    list.put(" " + RATE_LIMITED, "rate limited (429)");
    list.put(" " + SERVER_ERROR, "server error (5xx)");
    list.put(" " + TRANSPORT, "transport error: no response (connection, timeout, TLS)");
    list.put(" " + MALFORMED, "malformed response");
    list.put(String.valueOf(OTHER_HTTP), "other HTTP status");
    list.put(String.valueOf(INTERNAL), "internal error of the tool (see --debug)");
    return list;
  }
}
