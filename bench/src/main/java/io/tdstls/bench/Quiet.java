package io.tdstls.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the log level of our server and of the JDBC driver to WARNING for the benchmarks: the
 * server logs one INFO line per login, which would otherwise be measured along with the login.
 */
public final class Quiet {

  // java.util.logging keeps loggers weakly: hold them so the level sticks
  private static final Logger TDS = Logger.getLogger("io.tdstls");
  private static final Logger JDBC = Logger.getLogger("com.microsoft.sqlserver");

  private Quiet() {}

  /** Sets the levels; idempotent. */
  public static void logs() {
    TDS.setLevel(Level.WARNING);
    JDBC.setLevel(Level.WARNING);
  }
}
