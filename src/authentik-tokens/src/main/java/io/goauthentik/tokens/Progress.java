package io.goauthentik.tokens;

import java.io.PrintWriter;

/**
 * A progress line on stderr, {@code listing refresh tokens 200/1234}, redrawn in place while a
 * command pages through many results or revokes many grants, and erased when it ends. Only for a
 * person at a terminal: when stderr is not one, {@link #NONE} prints nothing.
 */
class Progress {
  /** Prints nothing. */
  static final Progress NONE = new Progress(null, "") {
    @Override
    void update(long done, long total) {
    }

    @Override
    void clear() {
    }
  };

  private final PrintWriter err;
  private final String what;
  private boolean shown;

  Progress(PrintWriter err, String what) {
    this.err = err;
    this.what = what;
  }

  /** Shows {@code done/total}, replacing what the line showed before. */
  void update(long done, long total) {
    err.print("\r\033[K" + what + " " + done + "/" + total);
    err.flush();
    shown = true;
  }

  /** Erases the line (before other output, and at the end). */
  void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
