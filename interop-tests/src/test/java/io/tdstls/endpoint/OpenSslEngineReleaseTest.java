package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ReferenceCounted;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.server.OpenSslEngineSource;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's OpenSSL finding: the engines of the OpenSSL provider hold native memory (an SSL* and
 * its buffers) that only a finalizer freed, so under load RSS grew while the JDK provider stayed
 * flat. The engines are now reference-counted and released on every close path: a login and a
 * close, a client gone in the middle of the handshake, a protocol error, login-only encryption.
 */
class OpenSslEngineReleaseTest {

  static final HeldCertificate CERT = ServerEndpointTest.cert("ossl-release");

  static ServerTlsConfig tls() {
    return ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey()).build();
  }

  @Test
  void anEngineIsReleasedWhenTheSourceIsToldItIsNoLongerUsed() {
    OpenSslEngineSource source = OpenSslEngineSource.create(tls());
    SSLEngine engine = source.newEngine(TlsNegotiationMode.STRICT);
    assertThat(engine).isInstanceOf(ReferenceCounted.class);
    assertThat(((ReferenceCounted) engine).refCnt()).isEqualTo(1);
    assertThat(source.liveEngines()).isEqualTo(1);
    source.release(engine);
    source.release(engine); // a second release is harmless
    assertThat(((ReferenceCounted) engine).refCnt()).isZero();
    assertThat(source.liveEngines()).isZero();
  }

  @Test
  void everyClosePathReleasesTheServersEngines() throws Exception {
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(io.tdstls.protocol.encryption.ServerEncryption.AVAILABLE,
        new io.tdstls.tls.ServerEngineFactory(tls())).tls(tls(), TlsProvider.OPENSSL).build())) {
      OpenSslEngineSource engines = (OpenSslEngineSource) server.config().engines();
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.OPTIONAL, EncryptMode.MANDATORY, EncryptMode.STRICT}) {
        try (TdsSession session = TdsClient.connect(ConnectionConfig.builder().host("localhost").port(server.port())
            .user(ServerEndpointTest.USER).password(ServerEndpointTest.PASSWORD.toCharArray())
            .tls(TlsConfig.builder().mode(mode).serverCertificateSha256(CERT.sha256Fingerprint().toString()).build()).build())) {
          assertThat(session.execute("SELECT 1").firstTable().rows()).hasSize(1);
        }
      }
      // a wrong password: refused after the handshake
      assertThatThrownBy(() -> TdsClient.connect(ConnectionConfig.builder().host("localhost").port(server.port())
          .user(ServerEndpointTest.USER).password("wrong".toCharArray())
          .tls(TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificateSha256(CERT.sha256Fingerprint().toString()).build()).build()))
          .isInstanceOf(TdsException.class);
      // a client that starts the TDS 7.x handshake and vanishes
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        byte[] prelogin = PreLogin.of(new Version(1, 0, 0, 0)).withEncryption(EncryptionValue.ON).encode();
        s.getOutputStream().write(MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN, prelogin), 4096, 0));
        s.getInputStream().readNBytes(8);
        s.getOutputStream().write(new byte[] {0x12, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00});
      }
      // a strict client that sends an unknown handshake message instead of a ClientHello
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x00, 0x04, (byte) 0xFF, 0x00, 0x00, 0x00});
        s.getOutputStream().flush();
      }
      // a strict client gone before finishing the handshake
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      }
      // The last sockets' connections may not be accepted yet when the counts first read zero: wait, let
      // the accepts land, and wait again.
      PreLoginMemoryBudgetTest.waitUntil(() -> server.activeConnections() == 0 && engines.liveEngines() == 0);
      Thread.sleep(300);
      PreLoginMemoryBudgetTest.waitUntil(() -> server.activeConnections() == 0 && engines.liveEngines() == 0);
      assertThat(server.activeConnections()).isZero();
      assertThat(engines.liveEngines()).as("OpenSSL engines not released").isZero();
    }
  }
}
