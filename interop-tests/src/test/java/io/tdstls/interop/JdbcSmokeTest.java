package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcSmokeTest {

  @Test
  void jdbcLogsInAndRunsTheVerificationQuery() throws Exception {
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth().build();
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
    ServerPolicy policy = ServerPolicy.sqlServerDefault();
    try (TdsServer server = TdsServer.start(ServerConfig.builder()
        .engines(tls::newEngine)
        .policy(policy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of("sa", "Passw0rd!")), policy.strict(), "tdstls"))
        .build())) {
      for (String encrypt : new String[] {"false", "true", "strict"}) {
        String url = "jdbc:sqlserver://localhost:" + server.port() + ";encrypt=" + encrypt
            + ";trustServerCertificate=true;loginTimeout=10";
        if (encrypt.equals("strict")) {
          url = "jdbc:sqlserver://localhost:" + server.port() + ";encrypt=strict;loginTimeout=10;serverCertificate=" + writePem(cert);
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "Passw0rd!");
            ResultSet rs = c.createStatement().executeQuery(
                "SELECT encrypt_option, protocol_type, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID")) {
          assertThat(rs.next()).isTrue();
          System.out.println("jdbc encrypt=" + encrypt + " -> " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
  }

  static String writePem(HeldCertificate cert) throws Exception {
    java.nio.file.Path p = java.nio.file.Files.createTempFile("server", ".pem");
    java.nio.file.Files.writeString(p, cert.certificatePem());
    return p.toString();
  }
}
