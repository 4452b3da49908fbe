package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ResultTable;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.LoginFailedException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The project's client through the gateway to a TDS 7.x-only backend, and the failures of the back side. */
class GatewayTest {

  @TempDir static Path dir;
  static GatewayFixture f;

  @BeforeAll
  static void pki() {
    f = new GatewayFixture(dir);
  }

  static Map<String, String> negotiation(TdsSession session) throws TdsException {
    ResultTable t = session.execute("SELECT * FROM tdstls.negotiation").firstTable();
    Map<String, String> m = new HashMap<>();
    for (List<Object> row : t.rows()) {
      m.put(ResultTable.text(row.get(0)), ResultTable.text(row.get(1)));
    }
    return m;
  }

  @Test
  void aStrictTls13ClientReachesATds7BackendWithTls12() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build());
        TdsSession session = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
      assertThat(session.report().describe()).contains("TLSv1.3").contains("tds/8.0");
      Map<String, String> back = negotiation(session);
      assertThat(back).containsEntry("outcome", "full").containsEntry("tls_protocol", "TLSv1.2")
          .containsEntry("encrypt_option", "TRUE");
      assertThat(back.get("login_tds_version")).contains("7.4");
      assertThat(back.get("login_user")).isEqualTo(GatewayFixture.USER);
      assertThat(session.execute("SELECT 1").firstTable().rows()).hasSize(1);
    }
    assertThat(f.audit).anySatisfy(line -> assertThat(line)
        .contains("\"front_tls_version\":\"TLSv1.3\"").contains("\"front_alpn\":\"tds/8.0\"")
        .contains("\"backend_tls_version\":\"TLSv1.2\"").contains("\"login_user\":\"app\""));
  }

  @ParameterizedTest(name = "client mode {0}")
  @EnumSource(value = EncryptMode.class, names = {"OPTIONAL", "MANDATORY", "STRICT"})
  void everyEncryptingClientModePassesAndTheBackendSeesTls12(EncryptMode mode) throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.AVAILABLE, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build());
        TdsSession session = TdsClient.connect(f.client(gateway.port(), mode))) {
      assertThat(negotiation(session)).containsEntry("tls_protocol", "TLSv1.2");
    }
  }

  @Test
  void aBackendLoginRefusalReachesTheClientAsTheBackendsOwnError() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      var wrong = io.tdstls.client.ConnectionConfig.builder().host("localhost").port(gateway.port()).user("app")
          .password("wrong".toCharArray()).tls(f.client(gateway.port(), EncryptMode.STRICT).tls()).build();
      assertThatThrownBy(() -> TdsClient.connect(wrong)).isInstanceOf(LoginFailedException.class)
          .hasMessageContaining("18456");
    }
  }

  @Test
  void anUnreachableBackendIsAnErrorThatSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (TdsGateway gateway = TdsGateway.start(f.gateway(closedPort, EncryptMode.MANDATORY).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("refused the TCP connection")
          .hasMessageContaining("--backend");
    }
  }

  @Test
  void anUntrustedBackendCertificateIsAnErrorThatSaysSo() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.untrusted);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("certificate invalid");
    }
  }

  @Test
  void aWrongBackendNameIsAnErrorThatSaysSo() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.wrongName);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("hostname mismatch");
    }
  }

  @Test
  void aStrictBackendThatIsNotStrictIsAnErrorThatSaysSo() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.STRICT).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.MANDATORY)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("strict");
    }
  }

  @Test
  void aBackendWithoutEncryptionIsRefusedInMandatoryMode() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.NOT_SUPPORTED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT)))
          .hasMessageContaining("tds-tls gateway").hasMessageContaining("encryption not supported");
      assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"end_side\":\"backend\""));
    }
  }

  @Test
  void manySessionsInParallelAllSucceed() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY).build())) {
      List<Integer> ok = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Thread t = new Thread(() -> {
          try (TdsSession s = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
            s.execute("SELECT 1");
            ok.add(1);
          } catch (TdsException e) {
            throw new AssertionError(e);
          }
        });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertThat(ok).hasSize(20);
    }
  }
}
