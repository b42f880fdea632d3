package io.goauthentik.client.internal;

import io.goauthentik.client.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import okhttp3.Request;

/** Turns a failure to get a usable response into a {@link TransportException} that says which. */
final class TransportFailures {
  private final Redactor redactor;

  TransportFailures(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * The exception for an I/O failure of the call.
   *
   * @param during what the call was doing: "sending the request", "reading the response body"
   * @param deadlinePassed whether the call's budget ran out (the failure is then the cancellation)
   */
  TransportException of(Request request, IOException e, int attempt, String during, boolean deadlinePassed) {
    if (deadlinePassed) { // what OkHttp's own call timeout throws: the cancellation is the cause
      InterruptedIOException timeout = new InterruptedIOException("timeout");
      timeout.initCause(e);
      e = timeout;
    }
    String what = deadlinePassed ? "ran out of its callTimeout"
        : e instanceof SocketTimeoutException ? "timed out"
        : e instanceof InterruptedIOException ? "timed out or was cancelled"
        : e instanceof ConnectException ? "could not connect"
        : e instanceof UnknownHostException ? "could not resolve the host"
        : "failed";
    return new TransportException(ErrorMapper.prefix(request) + what + " while " + during + " ("
        + e.getClass().getSimpleName() + ")" + ErrorMapper.attempts(attempt), redactor.scrub(e));
  }

  /** The exception for a call whose thread was interrupted; the interrupt flag is set again. */
  TransportException interrupted(Request request, Throwable cause, int attempt, String during) {
    Thread.currentThread().interrupt();
    return new TransportException(ErrorMapper.prefix(request) + "interrupted while " + during
        + ErrorMapper.attempts(attempt), redactor.scrub(cause));
  }

  /** The exception for a call the closing of its client ended. */
  TransportException closed(Request request, Throwable lastFailure, int attempt, String during) {
    return new TransportException(ErrorMapper.prefix(request) + "the client was closed while " + during
        + ErrorMapper.attempts(attempt), lastFailure == null ? null : redactor.scrub(lastFailure));
  }
}
