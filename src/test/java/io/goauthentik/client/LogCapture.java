package io.goauthentik.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * Records everything one java.util.logging logger receives while open, at every level. The SDK logs
 * through {@link System.Logger}, which java.util.logging backs by default; {@code DEBUG} arrives as
 * {@link Level#FINE}. Closing restores the logger as it was.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private static final SimpleFormatter FORMAT = new SimpleFormatter();

  // A strong reference: java.util.logging holds loggers weakly, and a collected one forgets its level.
  private final Logger logger;
  private final Level oldLevel;
  private final boolean oldUseParentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    oldLevel = logger.getLevel();
    oldUseParentHandlers = logger.getUseParentHandlers();
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false); // keep captured lines out of the console
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
    notifyAll();
  }

  /** Each record as text: level, message and the stack trace of anything attached to it. */
  List<String> lines() {
    return records.stream().map(LogCapture::text).collect(Collectors.toList());
  }

  /** The messages of the records at exactly {@code level}. */
  List<String> messages(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(FORMAT::formatMessage)
        .collect(Collectors.toList());
  }

  /** Waits at most {@code timeout} for a line that matches; false when none came. */
  synchronized boolean await(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lines().stream().noneMatch(match)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(oldLevel);
    logger.setUseParentHandlers(oldUseParentHandlers);
  }

  private static String text(LogRecord record) {
    StringWriter out = new StringWriter();
    out.append(record.getLevel().getName()).append(' ').append(FORMAT.formatMessage(record));
    if (record.getThrown() != null) {
      out.append('\n');
      record.getThrown().printStackTrace(new PrintWriter(out));
    }
    return out.toString();
  }
}
