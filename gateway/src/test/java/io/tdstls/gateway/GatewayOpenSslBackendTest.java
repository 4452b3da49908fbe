package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ClientTlsProvider;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's back side with the OpenSSL (BoringSSL) client engines. */
class GatewayOpenSslBackendTest {

  @TempDir static Path dir;
  static GatewayFixture f;

  @BeforeAll
  static void pki() {
    assertThat(ClientTlsProvider.OPENSSL.isAvailable())
        .as("netty-tcnative-boringssl-static must load here: " + ClientTlsProvider.OPENSSL.unavailabilityReason().orElse(""))
        .isTrue();
    f = new GatewayFixture(dir);
  }

  GatewayConfig.Builder openSslBack(int backendPort, TlsConfig back) {
    return f.gateway(backendPort, EncryptMode.MANDATORY).backendTls(back, ClientTlsProvider.OPENSSL);
  }

  @Test
  void aStrictClientReachesATds7BackendOverOpenSsl() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server);
        TdsGateway gateway = TdsGateway.start(openSslBack(backend.port(),
            TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(f.caFile).build()).build())) {
      for (int i = 0; i < 3; i++) {
        try (TdsSession session = TdsClient.connect(f.client(gateway.port(), EncryptMode.STRICT))) {
          assertThat(GatewayTest.negotiation(session)).containsEntry("outcome", "full")
              .containsEntry("tls_protocol", "TLSv1.2");
          assertThat(session.execute("SELECT 1").firstTable().rows()).hasSize(1);
        }
      }
    }
    assertThat(f.audit).anySatisfy(line -> assertThat(line).contains("\"backend_tls_version\":\"TLSv1.2\""));
  }

  @Test
  void anUntrustedOrMisnamedBackendIsRefusedOverOpenSsl() throws Exception {
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.untrusted);
        TdsGateway gateway = TdsGateway.start(openSslBack(backend.port(),
            TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(f.caFile).build()).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.MANDATORY)))
          .isInstanceOf(TdsException.class).hasMessageContaining("tds-tls gateway").hasMessageContaining("certificate invalid");
    }
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.wrongName);
        TdsGateway gateway = TdsGateway.start(openSslBack(backend.port(),
            TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(f.caFile).build()).build())) {
      assertThatThrownBy(() -> TdsClient.connect(f.client(gateway.port(), EncryptMode.MANDATORY)))
          .isInstanceOf(TdsException.class).hasMessageContaining("tds-tls gateway").hasMessageContaining("hostname mismatch");
    }
  }
}
