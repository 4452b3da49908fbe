package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.config.RouteConfig;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.GatewayRoute;
import io.tdstls.gateway.RouteTable;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing through the gateway with real drivers: one listener, two backends with different TLS
 * settings, routes read from YAML. "alpha" is our endpoint as a TDS 7.x-only server (strict
 * disabled, TLS 1.2 at most) reached in mode mandatory with its CA; "beta" is a strict-only
 * endpoint with a certificate from another CA, reached in mode strict. tedious in strict mode
 * chooses beta by SNI; a client that dials 127.0.0.1 is routed to alpha by
 * LOGIN7's ServerName; the database {@code hr} goes to beta; anything else is refused with the
 * gateway's ERROR, which the driver shows.
 */
class GatewayRoutingInteropTest {

  @TempDir static Path dir;
  static TdsServer alpha;
  static TdsServer beta;
  static TdsGateway gateway;
  static Path frontCa;
  static Path trustStore;
  static final List<String> audit = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    TediousRunner.requireInstalled();
    HeldCertificate alphaCa = HeldCertificate.builder().commonName("alpha CA").certificateAuthority(0).build();
    HeldCertificate betaCa = HeldCertificate.builder().commonName("beta CA").certificateAuthority(0).build();
    HeldCertificate gatewayCa = HeldCertificate.builder().commonName("gateway CA").certificateAuthority(0).build();
    Path alphaCaFile = Files.writeString(dir.resolve("alpha-ca.pem"), alphaCa.certificatePem());
    Path betaCaFile = Files.writeString(dir.resolve("beta-ca.pem"), betaCa.certificatePem());
    frontCa = Files.writeString(dir.resolve("gateway-ca.pem"), gatewayCa.certificatePem());
    trustStore = dir.resolve("gateway-trust.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", gatewayCa.certificate());
    try (var out = Files.newOutputStream(trustStore)) {
      ks.store(out, InteropServer.TRUST_STORE_PASSWORD.toCharArray());
    }
    alpha = backend("backend-alpha", StrictPolicy.DISABLED, TlsVersion.TLS_1_2, alphaCa);
    beta = backend("backend-beta", StrictPolicy.REQUIRED, TlsVersion.TLS_1_3, betaCa);
    String yaml = "routes:\n"
        + "  - name: beta-by-sni\n"
        + "    match: { sni: beta.gateway.test }\n"
        + "    backend: { host: 127.0.0.1, port: " + beta.port() + ", tls: { encrypt: strict, ca-file: " + betaCaFile
        + ", tls-min: \"1.3\" } }\n"
        + "  - name: alpha-by-server-name\n"
        + "    match: { server-name: 127.0.0.1 }\n"
        + "    backend: { host: 127.0.0.1, port: " + alpha.port() + ", tls: { encrypt: mandatory, ca-file: "
        + alphaCaFile + ", tls-max: \"1.2\" } }\n"
        + "  - name: beta-by-database\n"
        + "    match: { database: hr }\n"
        + "    backend: { host: 127.0.0.1, port: " + beta.port() + ", tls: { encrypt: strict, ca-file: " + betaCaFile
        + " } }\n";
    List<GatewayRoute> routes = new ArrayList<>();
    for (RouteConfig r : TdsTlsConfig.parse(dir.resolve("gateway.yaml"), yaml).routes()) {
      routes.add(GatewayRoute.of(r, GatewayRoute.DEFAULT_TIMEOUT));
    }
    HeldCertificate front = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addDnsName("*.gateway.test").addIpAddress("127.0.0.1").serverAuth().signedBy(gatewayCa).build();
    gateway = TdsGateway.start(GatewayConfig.builder()
        .frontTls(ServerTlsConfig.builder().certifiedKey(front.certifiedKey()).build(), TlsProvider.JDK)
        .routes(RouteTable.of(routes))
        .audit(audit::add)
        .build());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (alpha != null) {
      alpha.close();
    }
    if (beta != null) {
      beta.close();
    }
  }

  static TdsServer backend(String name, StrictPolicy strict, TlsVersion max, HeldCertificate ca) throws Exception {
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1")
        .addDnsName("localhost").serverAuth().signedBy(ca).build();
    ServerPolicy policy = new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, strict);
    return TdsServer.start(ServerConfig.builder().policy(policy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(InteropServer.USER,
            InteropServer.PASSWORD)), strict, name))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey())
            .maxProtocolVersion(max).build()))
        .build());
  }

  /** tedious: {@code server} is dialled and sent as LOGIN7's ServerName; {@code serverName} sets SNI. */
  static String tedious(String host, String encrypt, String sni) throws Exception {
    String config = "{\"host\":\"" + host + "\",\"port\":" + gateway.port() + ",\"user\":\"" + InteropServer.USER
        + "\",\"password\":\"" + InteropServer.PASSWORD + "\",\"encrypt\":" + encrypt + ",\"ca\":\"" + frontCa + "\""
        + (sni == null ? "" : ",\"serverName\":\"" + sni + "\"")
        + ",\"query\":\"SELECT @@SERVERNAME\"}";
    return Processes.run(List.of("node", "run-query.js", config), null, TediousRunner.NODE_DIR, Map.of()).output();
  }

  /** Waits (the line is written when the connection has ended) for an audit line with every part. */
  static void awaitAudit(String... parts) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (String line : audit) {
        if (java.util.Arrays.stream(parts).allMatch(line::contains)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    assertThat(audit).as("an audit line containing all of %s", List.of(parts)).isEmpty();
  }

  static String jdbc(String url) {
    try (Connection c = DriverManager.getConnection(url, InteropServer.USER, InteropServer.PASSWORD);
        ResultSet rs = c.createStatement().executeQuery("SELECT @@SERVERNAME")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "refused: " + e.getMessage();
    }
  }

  static String trust() {
    return "trustStore=" + trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD
        + ";trustStoreType=PKCS12;loginTimeout=15";
  }

  @Test
  void tediousStrictIsRoutedBySni() throws Exception {
    assertThat(tedious("localhost", "\"strict\"", "beta.gateway.test")).contains("\"ok\":true")
        .contains("[[\"backend-beta\"]]");
    awaitAudit("\"front_sni\":\"beta.gateway.test\"", "\"route\":\"beta-by-sni\"",
        "\"backend_encryption\":\"strict\"", "\"backend_tls_version\":\"TLSv1.3\"");
  }

  /**
   * Microsoft's JDBC driver sends no SNI for {@code localhost} in strict mode, not even with
   * hostNameInCertificate (the JDK sends SNI only for dotted names), so a strict JDBC client is
   * routed by its LOGIN7 names here.
   */
  @Test
  void jdbcStrictWithoutSniIsRoutedByItsDatabase() throws Exception {
    assertThat(jdbc("jdbc:sqlserver://localhost:" + gateway.port() + ";encrypt=strict;hostNameInCertificate=localhost;"
        + "databaseName=HR;" + trust())).isEqualTo("backend-beta");
    awaitAudit("\"front_encryption\":\"strict\"", "\"front_sni\":\"\"",
        "\"login_database\":\"HR\"", "\"route\":\"beta-by-database\"");
  }

  @Test
  void clientsDiallingTheAddressAreRoutedByLogin7ServerName() throws Exception {
    assertThat(jdbc("jdbc:sqlserver://127.0.0.1:" + gateway.port() + ";encrypt=true;hostNameInCertificate=localhost;"
        + trust())).isEqualTo("backend-alpha");
    assertThat(tedious("127.0.0.1", "true", "localhost")).contains("\"ok\":true").contains("[[\"backend-alpha\"]]");
    awaitAudit("\"route\":\"alpha-by-server-name\"",
        "\"backend_encryption\":\"full\"", "\"backend_tls_version\":\"TLSv1.2\"");
  }

  @Test
  void theDatabaseRoutesWhenNoNameDoes() {
    assertThat(jdbc("jdbc:sqlserver://localhost:" + gateway.port() + ";encrypt=true;databaseName=hr;" + trust()))
        .isEqualTo("backend-beta");
  }

  @Test
  void anUnknownNameIsRefusedWithTheGatewaysErrorShownByTheDriver() throws Exception {
    String refused = jdbc("jdbc:sqlserver://localhost:" + gateway.port() + ";encrypt=true;databaseName=sales;"
        + trust());
    assertThat(refused).startsWith("refused: ")
        .contains("tds-tls gateway: no route for this connection (server name 'localhost', database 'sales')")
        .doesNotContain("alpha").doesNotContain("beta").doesNotContain(String.valueOf(alpha.port()));
    assertThat(tedious("localhost", "\"strict\"", "other.gateway.test")).contains("\"ok\":false")
        .contains("tds-tls gateway: no route for this connection (TLS server name (SNI) 'other.gateway.test',"
            + " server name 'localhost')")
        .doesNotContain("beta.gateway.test");
  }
}
