package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.ThreadId;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRELOGIN through the gateway: the client's options reach the backend with the gateway's own
 * ENCRYPTION byte, the client gets the backend's options (here its VERSION) with the front's; with
 * PRELOGIN relay off the gateway answers PRELOGIN itself and connects at LOGIN7. A token login the
 * back side cannot carry inside TLS is refused with advice.
 */
class GatewayPreLoginRelayTest {

  /** A backend product version nobody else uses, to tell whose PRELOGIN reply the client got. */
  static final Version BACKEND_VERSION = new Version(15, 0, 4153, 1);

  @TempDir static Path dir;
  static GatewayFixture f;

  @BeforeAll
  static void pki() {
    f = new GatewayFixture(dir);
  }

  static TdsServer backend(ServerEncryption encryption) throws InterruptedException {
    ServerConfig.Builder b = ServerConfig.builder()
        .policy(new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .preLogin(PreLogin.of(BACKEND_VERSION).withInstance("").withThreadId(ThreadId.EMPTY).withMars(false))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(GatewayFixture.USER,
            GatewayFixture.PASSWORD)), StrictPolicy.DISABLED, "backend"));
    if (encryption != ServerEncryption.NOT_SUPPORTED) {
      b.tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(f.server.certifiedKey())
          .maxProtocolVersion(TlsVersion.TLS_1_2).build()));
    }
    return TdsServer.start(b.build());
  }

  @Test
  void theClientGetsTheBackendsPreLoginOptionsAndTheBackendTheClients() throws Exception {
    try (TdsServer backend = backend(ServerEncryption.FORCED);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      Map<String, String> direct;
      try (TdsSession s = TdsClient.connect(f.client(backend.port(), EncryptMode.OPTIONAL))) {
        direct = GatewayTest.negotiation(s);
      }
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.OPTIONAL, EncryptMode.STRICT}) {
        try (TdsSession s = TdsClient.connect(f.client(gateway.port(), mode))) {
          assertThat(s.report().security().serverPreLogin().version()).as(mode.label()).isEqualTo(BACKEND_VERSION);
          Map<String, String> back = GatewayTest.negotiation(s);
          assertThat(back.get("client_prelogin_version")).isEqualTo(direct.get("client_prelogin_version"));
          assertThat(back.get("client_prelogin_mars")).isEqualTo(direct.get("client_prelogin_mars"));
          assertThat(back.get("client_prelogin_instance")).isEqualTo(direct.get("client_prelogin_instance"));
          // the client offered 0x00 (optional) or nothing useful (strict); the backend sees the gateway's mandatory
          assertThat(back.get("client_prelogin_encryption")).startsWith("0x01");
        }
      }
    }
  }

  @Test
  void withPreLoginRelayOffTheGatewayAnswersPreLoginItselfAndConnectsAtLogin7() throws Exception {
    try (TdsServer backend = backend(ServerEncryption.FORCED);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY)
            .preLoginRelay(false).build())) {
      try (TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.MANDATORY))) {
        assertThat(s.report().security().serverPreLogin().version()).isNotEqualTo(BACKEND_VERSION);
        assertThat(GatewayTest.negotiation(s)).containsEntry("tls_protocol", "TLSv1.2");
      }
      assertThat(backend.activeConnections()).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aBackendUnreachableAtPreLoginStillReachesTheClientAsAnErrorAtLogin7() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (TdsGateway gateway = TdsGateway.start(f.gateway(port, EncryptMode.MANDATORY).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.MANDATORY)))
          .isInstanceOf(TdsException.class).hasMessageContaining("tds-tls gateway")
          .hasMessageContaining("refused the TCP connection");
    }
  }

  @Test
  void aTokenLoginIsNotRelayedOverALoginOnlyBackSide() throws Exception {
    // mode optional against a backend that offers encryption negotiates login-only on the back side
    try (TdsServer backend = backend(ServerEncryption.AVAILABLE);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.OPTIONAL).build())) {
      ConnectionConfig token = ConnectionConfig.builder().host("localhost").port(gateway.port())
          .accessToken("eyJ-not-checked-by-the-gateway")
          .tls(f.client(gateway.port(), EncryptMode.MANDATORY).tls()).build();
      assertThatThrownBy(() -> TdsClient.connect(token).close()).isInstanceOf(TdsException.class)
          .hasMessageContaining("does not relay a security token login")
          .hasMessageContaining("--backend-encrypt mandatory or strict");
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("not fully encrypted")
          .contains("\"relay_state\":\"BACKEND_LOGIN\""));
    }
  }
}
