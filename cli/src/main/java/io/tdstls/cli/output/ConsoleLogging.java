package io.tdstls.cli.output;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the library's {@code System.Logger} output (java.util.logging by default) to standard
 * error, one line per event: time, level, source and message, with an exception's class and
 * message appended (never a stack trace).
 */
public final class ConsoleLogging {

  private ConsoleLogging() {}

  /**
   * Replaces the root logger's handlers with one that writes single lines to {@code System.err}.
   *
   * @param level the lowest level shown; {@link Level#OFF} silences everything
   */
  public static void install(Level level) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    if (level == Level.OFF) {
      return;
    }
    Handler handler = new ConsoleHandler();
    handler.setLevel(level);
    handler.setFormatter(new OneLine());
    root.addHandler(handler);
  }

  /**
   * Formats one record as one line.
   *
   * @param record the record
   * @return the line, ending in a newline
   */
  public static String format(LogRecord record) {
    return new OneLine().format(record);
  }

  private static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder b = new StringBuilder();
      b.append(Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS)).append(' ')
          .append(record.getLevel().getName()).append(' ')
          .append(shortName(record.getLoggerName())).append(": ")
          .append(formatMessage(record).replace('\n', ' '));
      Throwable t = record.getThrown();
      if (t != null) {
        b.append(" (").append(t.getClass().getSimpleName()).append(": ").append(String.valueOf(t.getMessage())
            .replace('\n', ' ')).append(')');
      }
      return b.append(System.lineSeparator()).toString();
    }

    private static String shortName(String logger) {
      if (logger == null) {
        return "-";
      }
      int dot = logger.lastIndexOf('.');
      return dot < 0 ? logger : logger.substring(dot + 1);
    }
  }
}
