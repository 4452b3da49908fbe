package io.tdstls.interop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What every JDBC row of the matrix runs once logged in: the verification query, then a
 * parameterised query through a {@link PreparedStatement} whose two parameters must come back as
 * sent (an int and a string), the way drivers prepare statements (sp_prepexec, sp_prepare,
 * sp_executesql).
 */
final class JdbcChecks {

  static final String PARAMETERISED = "SELECT ? AS n, ? AS s";
  static final int NUMBER = 42;
  static final String TEXT = "tds-tls";

  private JdbcChecks() {}

  /** Runs both queries; the verification query's encrypt_option, or a failure naming what differed. */
  static ClientRun verify(Connection c) throws SQLException {
    String encryptOption;
    try (ResultSet rs = c.createStatement().executeQuery(InteropMatrixTest.VERIFY)) {
      if (!rs.next()) {
        return ClientRun.failed("the verification query returned no row");
      }
      encryptOption = rs.getString(1);
    }
    for (int round = 0; round < 2; round++) { // the second execution reuses the prepared handle
      try (PreparedStatement ps = c.prepareStatement(PARAMETERISED)) {
        ps.setInt(1, NUMBER + round);
        ps.setString(2, TEXT);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getInt(1) != NUMBER + round || !TEXT.equals(rs.getString(2))) {
            return ClientRun.failed("the parameterised query did not echo its parameters");
          }
        }
      }
    }
    return ClientRun.ok(encryptOption);
  }
}
