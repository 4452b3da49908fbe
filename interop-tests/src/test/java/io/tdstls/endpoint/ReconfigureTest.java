package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.LoginFailedException;
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
import io.tdstls.tls.pki.HeldCertificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TdsServer#reconfigure}: new connections get the new settings, open ones keep theirs. */
class ReconfigureTest {

  private static ServerConfig config(HeldCertificate cert, String password, int port) {
    return ServerConfig.builder().port(port)
        .policy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build()))
        .sessions(DiagnosticSessionHandler.factory(
            Authenticator.users(Map.of(ServerEndpointTest.USER, password)), StrictPolicy.ALLOWED, "reconfigure"))
        .build();
  }

  @Test
  void newConnectionsUseTheNewCertificateAndUsersWhileOpenOnesKeepServing() throws Exception {
    HeldCertificate first = ServerEndpointTest.cert("first");
    HeldCertificate second = ServerEndpointTest.cert("second");
    try (TdsServer server = TdsServer.start(config(first, ServerEndpointTest.PASSWORD, 0))) {
      int port = server.port();
      try (TdsSession open = TdsClient.connect(ServerEndpointTest.pinned(port, first, EncryptMode.MANDATORY))) {
        server.reconfigure(config(second, ServerEndpointTest.PASSWORD, port));

        assertThat(open.execute("SELECT @@SERVERNAME").toString()).as("the open session keeps serving").isNotEmpty();
        assertThatThrownBy(() -> TdsClient.connect(ServerEndpointTest.pinned(port, first, EncryptMode.MANDATORY)))
            .as("a new connection gets the new certificate").isInstanceOf(CertificateInvalidException.class);
        TdsClient.connect(ServerEndpointTest.pinned(port, second, EncryptMode.STRICT)).close();

        server.reconfigure(config(second, "another-Pw1", port));
        assertThatThrownBy(() -> TdsClient.connect(ServerEndpointTest.pinned(port, second, EncryptMode.MANDATORY)))
            .as("new connections check the new users").isInstanceOf(LoginFailedException.class);
        assertThat(open.execute("SELECT 1").toString()).isNotEmpty();
      }
      assertThatThrownBy(() -> server.reconfigure(config(second, "x", port == 1 ? 2 : 1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a restart");
    }
  }

  @Test
  void drainStopsAcceptingAndCountsWhatIsStillOpen() throws Exception {
    HeldCertificate cert = ServerEndpointTest.cert("drain");
    try (TdsServer server = TdsServer.start(config(cert, ServerEndpointTest.PASSWORD, 0))) {
      int port = server.port();
      try (TdsSession open = TdsClient.connect(ServerEndpointTest.pinned(port, cert, EncryptMode.MANDATORY))) {
        assertThat(server.drain(Duration.ofMillis(300))).isEqualTo(1);
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
            .as("no longer accepting").isInstanceOf(java.net.ConnectException.class);
        assertThat(open.execute("SELECT 1").toString()).as("the open session still serves while draining").isNotEmpty();
      }
    }
  }
}
