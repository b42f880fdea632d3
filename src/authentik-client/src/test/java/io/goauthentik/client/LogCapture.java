package io.goauthentik.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * Collects what one java.util.logging logger (and its children) records, at every level, until
 * closed. System.Logger writes to java.util.logging by default, so this also sees the SDK's logs.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final Level previousLevel;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Each record as text: level, formatted message, and the stack trace of its throwable if any. */
  List<String> lines() {
    SimpleFormatter formatter = new SimpleFormatter();
    return records.stream().map(r -> r.getLevel() + " " + formatter.format(r)).collect(Collectors.toList());
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
