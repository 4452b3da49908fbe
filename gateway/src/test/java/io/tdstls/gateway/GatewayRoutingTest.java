package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.RouteMatch;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two backends behind one gateway listener, each reached with its own TLS settings: "alpha" is a
 * TDS 7.x-only endpoint (strict disabled, TLS 1.2 at most, the fixture's CA) reached in mode
 * mandatory; "beta" is a strict-only endpoint with a certificate from another CA, reached in mode
 * strict with TLS 1.3. Each answers {@code SELECT @@SERVERNAME} with its own name.
 */
class GatewayRoutingTest {

  @TempDir Path dir;
  GatewayFixture f;
  TdsServer alpha;
  TdsServer beta;
  Path betaCa;

  @BeforeEach
  void backends() throws Exception {
    f = new GatewayFixture(dir);
    alpha = backend("backend-alpha", new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS,
        StrictPolicy.DISABLED), f.server, TlsVersion.TLS_1_2);
    HeldCertificate betaCert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1")
        .addDnsName("localhost").serverAuth().signedBy(f.otherCa).build();
    betaCa = Files.writeString(dir.resolve("beta-ca.pem"), f.otherCa.certificatePem());
    beta = backend("backend-beta", new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS,
        StrictPolicy.REQUIRED), betaCert, TlsVersion.TLS_1_3);
  }

  @AfterEach
  void stop() {
    alpha.close();
    beta.close();
  }

  static TdsServer backend(String name, ServerPolicy policy, HeldCertificate cert, TlsVersion max) throws Exception {
    return TdsServer.start(ServerConfig.builder().policy(policy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(GatewayFixture.USER,
            GatewayFixture.PASSWORD)), policy.strict(), name))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey())
            .maxProtocolVersion(max).build()))
        .build());
  }

  GatewayRoute alphaRoute(RouteMatch match) {
    return new GatewayRoute("alpha", match, "127.0.0.1", alpha.port(), TlsConfig.builder().mode(EncryptMode.MANDATORY)
        .caFile(f.caFile).maxProtocolVersion(TlsVersion.TLS_1_2).build(), Duration.ofSeconds(10),
        RouteLogin.passthrough(), Map.of());
  }

  GatewayRoute betaRoute(RouteMatch match) {
    return new GatewayRoute("beta", match, "127.0.0.1", beta.port(), TlsConfig.builder().mode(EncryptMode.STRICT)
        .caFile(betaCa).minProtocolVersion(TlsVersion.TLS_1_3).build(), Duration.ofSeconds(10),
        RouteLogin.passthrough(), Map.of());
  }

  TdsGateway gateway(GatewayRoute... routes) throws Exception {
    return TdsGateway.start(f.gateway(1, EncryptMode.MANDATORY).routes(RouteTable.of(List.of(routes))).build());
  }

  /** Our client: SNI is the host when it is a name (localhost), none for an IP literal; LOGIN7's ServerName is the host. */
  ConnectionConfig client(String host, int port, String database) {
    ConnectionConfig.Builder b = ConnectionConfig.builder().host(host).port(port).user(GatewayFixture.USER)
        .password(GatewayFixture.PASSWORD.toCharArray())
        .tls(TlsConfig.builder().mode(EncryptMode.STRICT).caFile(f.caFile).build());
    if (database != null) {
      b.database(database);
    }
    return b.build();
  }

  static String serverName(ConnectionConfig c) throws Exception {
    try (TdsSession s = TdsClient.connect(c)) {
      return String.valueOf(s.execute("SELECT @@SERVERNAME").firstTable().rows().get(0).get(0));
    }
  }

  @Test
  void sniSelectsOneBackendAndTheDefaultRouteTakesTheRest() throws Exception {
    try (TdsGateway g = gateway(betaRoute(new RouteMatch(RouteMatch.Kind.SNI, "LOCALHOST")),
        alphaRoute(new RouteMatch(RouteMatch.Kind.DEFAULT, "")))) {
      assertThat(serverName(client("localhost", g.port(), null))).isEqualTo("backend-beta");
      assertThat(serverName(client("127.0.0.1", g.port(), null))).as("no SNI for an IP literal").isEqualTo("backend-alpha");
      assertThat(GatewayFailureTest.awaitCount(f.audit::size, 2)).as("audit lines, one per connection").isEqualTo(2);
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"route\":\"beta\"")
          .contains("\"front_sni\":\"localhost\"").contains("\"backend_tls_version\":\"TLSv1.3\"")
          .contains("\"backend_encryption\":\"strict\""));
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"route\":\"alpha\"")
          .contains("\"backend_tls_version\":\"TLSv1.2\""));
    }
  }

  @Test
  void login7ServerNameAndDatabaseSelectBackends() throws Exception {
    try (TdsGateway g = gateway(alphaRoute(new RouteMatch(RouteMatch.Kind.SERVER_NAME, "127.0.0.1")),
        betaRoute(new RouteMatch(RouteMatch.Kind.DATABASE, "hr")))) {
      assertThat(serverName(client("127.0.0.1", g.port(), null))).isEqualTo("backend-alpha");
      assertThat(serverName(client("localhost", g.port(), "HR"))).isEqualTo("backend-beta");
      assertThat(serverName(client("127.0.0.1", g.port(), "hr"))).as("ServerName is tried before the database")
          .isEqualTo("backend-alpha");
    }
  }

  @Test
  void anUnknownNameIsRefusedWithAnErrorThatNamesNoRoute() throws Exception {
    try (TdsGateway g = gateway(alphaRoute(new RouteMatch(RouteMatch.Kind.SERVER_NAME, "alpha.internal")),
        betaRoute(new RouteMatch(RouteMatch.Kind.DATABASE, "hr")))) {
      assertThatThrownBy(() -> serverName(client("localhost", g.port(), "sales")))
          .hasMessageContaining("tds-tls gateway: no route for this connection")
          .hasMessageContaining("server name 'localhost'").hasMessageContaining("database 'sales'")
          .hasMessageContaining("50000")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alpha").doesNotContain("hr'")
              .doesNotContain(String.valueOf(alpha.port())).doesNotContain(String.valueOf(beta.port())));
      assertThat(alpha.activeConnections() + beta.activeConnections()).as("no backend was opened").isZero();
      assertThat(GatewayFailureTest.awaitCount(f.audit::size, 1)).isEqualTo(1);
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"front_outcome\":\"refused: no route\""));
    }
  }

  @Test
  void theRouteIsKnownBeforeLoginOnlyWhenLoginCannotChangeIt() {
    RouteTable single = RouteTable.single(GatewayRoute.single("127.0.0.1", alpha.port(),
        TlsConfig.builder().caFile(f.caFile).build(), Duration.ofSeconds(5)));
    assertThat(single.begin("").knownBeforeLogin()).isTrue();
    RouteTable bySni = RouteTable.of(List.of(betaRoute(new RouteMatch(RouteMatch.Kind.SNI, "beta.example")),
        alphaRoute(new RouteMatch(RouteMatch.Kind.DEFAULT, ""))));
    assertThat(bySni.begin("beta.example").beforeLogin()).get().extracting(GatewayRoute::name).isEqualTo("beta");
    assertThat(bySni.begin("other.example").beforeLogin()).as("no route by login names: the default is certain")
        .get().extracting(GatewayRoute::name).isEqualTo("alpha");
    RouteTable byLogin = RouteTable.of(List.of(betaRoute(new RouteMatch(RouteMatch.Kind.DATABASE, "hr")),
        alphaRoute(new RouteMatch(RouteMatch.Kind.DEFAULT, ""))));
    assertThat(byLogin.begin("x.example").knownBeforeLogin()).isFalse();
    assertThat(byLogin.begin("x.example").atLogin("x.example", "hr")).get().extracting(GatewayRoute::name)
        .isEqualTo("beta");
  }

  @Test
  void newConnectionsTakeTheNewRoutesAndOpenOnesKeepTheirs() throws Exception {
    try (TdsGateway g = gateway(alphaRoute(new RouteMatch(RouteMatch.Kind.DEFAULT, "")))) {
      try (TdsSession open = TdsClient.connect(client("localhost", g.port(), null))) {
        g.reconfigure(f.gateway(1, EncryptMode.MANDATORY).listen("127.0.0.1", g.port())
            .routes(RouteTable.of(List.of(betaRoute(new RouteMatch(RouteMatch.Kind.DEFAULT, ""))))).build());
        assertThat(serverName(client("localhost", g.port(), null))).isEqualTo("backend-beta");
        assertThat(open.execute("SELECT @@SERVERNAME").firstTable().rows().get(0).get(0)).isEqualTo("backend-alpha");
      }
    }
  }
}
