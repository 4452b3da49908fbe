package io.tdstls.interop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Microsoft's JDBC driver (mssql-jdbc, from Maven Central), in-process. */
final class JdbcRunner {

  private JdbcRunner() {}

  static ClientRun run(InteropServer s, String mode) {
    String base = "jdbc:sqlserver://localhost:" + s.port() + ";loginTimeout=15;";
    String url;
    switch (mode) {
      case "encrypt=false":
        url = base + "encrypt=false;trustServerCertificate=true";
        break;
      case "encrypt=true, trustServerCertificate":
        url = base + "encrypt=true;trustServerCertificate=true";
        break;
      case "encrypt=true, trust store":
      case "encrypt=true, PreparedStatement":
        url = base + "encrypt=true;trustStore=" + s.trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD
            + ";trustStoreType=PKCS12";
        break;
      case "encrypt=strict, hostNameInCertificate":
        url = "jdbc:sqlserver://127.0.0.1:" + s.port() + ";loginTimeout=15;encrypt=strict;hostNameInCertificate=localhost;"
            + "trustStore=" + s.trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12";
        break;
      case "encrypt=strict, serverCertificate":
        url = base + "encrypt=strict;serverCertificate=" + s.serverPem;
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
    if (mode.endsWith("PreparedStatement")) {
      try (Connection c = DriverManager.getConnection(url, InteropServer.USER, InteropServer.PASSWORD)) {
        return JdbcChecks.verify(c);
      } catch (SQLException e) {
        return ClientRun.failed(e.getMessage());
      }
    }
    try (Connection c = DriverManager.getConnection(url, InteropServer.USER, InteropServer.PASSWORD);
        ResultSet rs = c.createStatement().executeQuery(InteropMatrixTest.VERIFY)) {
      if (!rs.next()) {
        return ClientRun.failed("no row");
      }
      return ClientRun.ok(rs.getString(1));
    } catch (SQLException e) {
      return ClientRun.failed(e.getMessage());
    }
  }
}
