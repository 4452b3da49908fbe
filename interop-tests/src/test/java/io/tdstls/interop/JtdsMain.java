package io.tdstls.interop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * jTDS in its own JVM (started by {@link JtdsRunner}): its {@code ssl=authenticate} checks the
 * server certificate against the JVM's default trust store, which is set per process with
 * {@code javax.net.ssl.trustStore}. Prints {@code encrypt_option=...} or {@code error=...}.
 */
public final class JtdsMain {

  private JtdsMain() {}

  /**
   * Connects and runs the checks.
   *
   * @param args the JDBC URL, the user, the password
   * @throws Exception if the driver cannot be loaded
   */
  public static void main(String[] args) throws Exception {
    Class.forName("net.sourceforge.jtds.jdbc.Driver");
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
      ClientRun run = JdbcChecks.verify(c);
      System.out.println(run.succeeded() ? "encrypt_option=" + run.encryptOption() : "error=" + run.error());
    } catch (SQLException e) {
      System.out.println("error=" + e.getMessage());
    }
  }
}
