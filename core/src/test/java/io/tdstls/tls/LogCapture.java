package io.tdstls.tls;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the {@code io.tdstls.tls} System.Logger writes (through java.util.logging). */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.tdstls.tls");
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  long warningsContaining(String text) {
    return records.stream()
        .filter(r -> r.getLevel() == Level.WARNING)
        .filter(r -> new java.util.logging.SimpleFormatter().formatMessage(r).contains(text))
        .count();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
