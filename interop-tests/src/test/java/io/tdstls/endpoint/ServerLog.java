package io.tdstls.endpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the server logs (one line per connection event). */
final class ServerLog extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.tdstls.server.TdsServer");
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  ServerLog() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord r) {
    records.add(r);
    Object[] p = r.getParameters();
    lines.add(p == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), p));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
