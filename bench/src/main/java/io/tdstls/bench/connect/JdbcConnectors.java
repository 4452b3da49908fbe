package io.tdstls.bench.connect;

import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Connectors of Microsoft's JDBC driver ({@code mssql-jdbc}), connecting to our server with the
 * same trust as our client: the bench CA in a trust store, the host name checked.
 */
public final class JdbcConnectors {

  private JdbcConnectors() {}

  /**
   * Returns the JDBC URL for a mode.
   *
   * @param pki the certificates
   * @param port our server's port on 127.0.0.1
   * @param mode the mode; must have a JDBC equivalent
   * @return the URL
   * @throws IllegalArgumentException if the driver has no equivalent of the mode
   */
  public static String url(BenchPki pki, int port, LoginMode mode) {
    String encrypt = mode.jdbcEncrypt().orElseThrow(
        () -> new IllegalArgumentException("the JDBC driver has no equivalent of " + mode.label()));
    StringBuilder url = new StringBuilder("jdbc:sqlserver://127.0.0.1:").append(port)
        .append(";encrypt=").append(encrypt).append(";loginTimeout=30");
    if (!encrypt.equals("false")) {
      url.append(";trustStore=").append(pki.trustStore()).append(";trustStoreType=PKCS12")
          .append(";trustStorePassword=").append(BenchPki.TRUST_STORE_PASSWORD)
          .append(";hostNameInCertificate=localhost");
    } else {
      url.append(";trustServerCertificate=true");
    }
    if (encrypt.equals("strict")) {
      url.append(";sslProtocol=").append(mode.tls().orElseThrow().javaName());
    }
    return url.toString();
  }

  /**
   * Returns a connector that opens a JDBC connection and closes it.
   *
   * @param pki the certificates
   * @param port our server's port
   * @param mode the mode
   * @return the connector
   */
  public static Connector login(BenchPki pki, int port, LoginMode mode) {
    String url = url(pki, port, mode);
    return () -> {
      try (Connection c = DriverManager.getConnection(url, BenchServers.USER, BenchServers.PASSWORD)) {
        if (c.isClosed()) {
          throw new IllegalStateException("the JDBC connection closed at once");
        }
      }
    };
  }
}
