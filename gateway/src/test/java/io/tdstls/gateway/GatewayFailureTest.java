package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deaths on either side of the gateway: each ends the other side, and the gateway keeps serving. */
class GatewayFailureTest {

  @TempDir Path dir;

  /** Waits (at most 20 s, polling) until the count reaches the value; returns the last count seen. */
  static int awaitCount(IntSupplier count, int value) throws InterruptedException {
    for (int i = 0; i < 200 && count.getAsInt() != value; i++) {
      Thread.sleep(100);
    }
    return count.getAsInt();
  }

  @Test
  void aRestartedBackendFailsOpenSessionsAndServesNewOnesOnceBack() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    TdsServer backend = f.backend(ServerEncryption.FORCED, f.server, 0);
    int port = backend.port();
    try (TdsGateway gateway = TdsGateway.start(f.gateway(port, EncryptMode.MANDATORY).build())) {
      TdsSession open = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT));
      backend.close();
      assertThatThrownBy(() -> open.execute("SELECT 1")).isInstanceOf(TdsException.class);
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("refused the TCP connection");
      backend = f.backend(ServerEncryption.FORCED, f.server, port);
      try (TdsSession again = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
        assertThat(again.execute("SELECT 1").firstTable().rows()).hasSize(1);
      }
    } finally {
      backend.close();
    }
  }

  @Test
  void aClientGoneMidResultClosesItsBackendConnection() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server, 0);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT));
      assertThat(backend.activeConnections()).isEqualTo(1);
      assertThatThrownBy(() -> s.executeStreaming("STREAM 50000000", (payload, last) -> {
        throw new TdsConnectionException("the test client walks away mid-result", "", null);
      })).isInstanceOf(TdsException.class);
      s.close();
      assertThat(awaitCount(backend::activeConnections, 0)).as("backend connections left open").isZero();
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"end_side\":\"client\""));
    }
  }

  @Test
  void aClientGoneMidHandshakeLeavesNothingOpen() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server, 0);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      try (Socket raw = new Socket("127.0.0.1", gateway.port())) {
        OutputStream out = raw.getOutputStream();
        out.write(new byte[] {0x12, 0x01, 0x00, 0x40, 0x00, 0x00}); // half a PRELOGIN header
        out.flush();
      }
      assertThat(awaitCount(f.audit::size, 1)).as("audit lines").isEqualTo(1);
      assertThat(awaitCount(gateway::activeConnections, 0)).as("front connections left open").isZero();
      assertThat(backend.activeConnections()).isZero();
      assertThat(f.audit).as("a connection that ended before reaching the relay is audited too").singleElement()
          .satisfies(line -> assertThat(line).contains("\"front_outcome\":\"not negotiated\"",
              "\"end_side\":\"client\"", "\"end_reason\":\"the client closed the connection\"",
              "\"client\":\"/127.0.0.1:"));
      try (TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
        assertThat(s.execute("SELECT 1").firstTable().rows()).hasSize(1);
      }
    }
  }

  @Test
  void aConnectionTheFrontRefusesBeforeTheRelayIsAuditedWithItsReason() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server, 0);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      try (Socket raw = new Socket("127.0.0.1", gateway.port())) {
        // a whole SQL batch packet where PRELOGIN must come first: the front refuses it
        raw.getOutputStream().write(new byte[] {0x01, 0x01, 0x00, 0x0A, 0x00, 0x00, 0x01, 0x00, 0x41, 0x00});
        raw.getOutputStream().flush();
        assertThat(raw.getInputStream().read()).as("the front closes the connection").isEqualTo(-1);
      }
      assertThat(awaitCount(f.audit::size, 1)).as("audit lines").isEqualTo(1);
      assertThat(f.audit.get(0)).contains("\"front_outcome\":\"not negotiated\"", "\"end_side\":\"front\"",
          "\"end_reason\":\"closed by the server: ").doesNotContain("\"backend\":");
      assertThat(backend.activeConnections()).as("no backend connection was opened for it").isZero();
    }
  }

  @Test
  void aBackendThatNeverAnswersTimesOutWithAnErrorThatSaysSo() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        TdsGateway gateway = TdsGateway.start(f.gateway(silent.getLocalPort(), EncryptMode.MANDATORY)
            .backendTimeout(java.time.Duration.ofSeconds(1)).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("did not complete the login within")
          .hasMessageContaining("--backend-timeout");
    }
  }
}
