package io.tdstls.endpoint;

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
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.TokenDecoder;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server endpoint's policies, limits and hot reload, exercised over loopback. */
class ServerEndpointTest {

  static final String USER = "endpoint";
  static final String PASSWORD = "Endp0int-pw";

  @TempDir Path dir;

  static ServerConfig.Builder server(ServerEncryption encryption, ServerEngineFactory tls) {
    ServerPolicy policy = new ServerPolicy(encryption, ClientCertPolicy.MS_TDS,
        tls == null ? StrictPolicy.DISABLED : StrictPolicy.ALLOWED);
    ServerConfig.Builder b = ServerConfig.builder().policy(policy)
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), policy.strict(), "endpoint"));
    return tls == null ? b : b.tls(tls);
  }

  static HeldCertificate cert(String cn) {
    return HeldCertificate.builder().commonName(cn).addDnsName("localhost").serverAuth().build();
  }

  static ConnectionConfig pinned(int port, HeldCertificate cert, EncryptMode mode) {
    return ConnectionConfig.builder().host("localhost").port(port).user(USER).password(PASSWORD.toCharArray())
        .tls(TlsConfig.builder().mode(mode).serverCertificateSha256(cert.sha256Fingerprint().toString()).build()).build();
  }

  /** Reads until the server closes the connection; returns how long that took. */
  static Duration timeUntilClosed(Socket s) throws Exception {
    long start = System.nanoTime();
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    while (in.read() >= 0) {
      // drain whatever the server answered before closing
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void replacingTheCertificateFilesChangesTheCertificateForNewConnectionsOnly() throws Exception {
    HeldCertificate a = cert("first");
    HeldCertificate b = cert("second");
    Path chain = Files.writeString(dir.resolve("server.pem"), a.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), a.privateKeyPkcs8Pem());
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certificatePem(chain, key, null).build());
    try (TdsServer server = TdsServer.start(server(ServerEncryption.AVAILABLE, tls).reloadCheckInterval(Duration.ofMillis(100)).build());
        TdsSession open = TdsClient.connect(pinned(server.port(), a, EncryptMode.STRICT))) {
      Files.writeString(dir.resolve("server.key.new"), b.privateKeyPkcs8Pem());
      Files.writeString(dir.resolve("server.pem.new"), b.certificatePem());
      Files.move(dir.resolve("server.key.new"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(dir.resolve("server.pem.new"), chain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      TdsSession fresh = null;
      for (int i = 0; i < 100 && fresh == null; i++) {
        try {
          fresh = TdsClient.connect(pinned(server.port(), b, EncryptMode.STRICT));
        } catch (TdsException e) {
          Thread.sleep(100);
        }
      }
      assertThat(fresh).as("a new connection sees the new certificate").isNotNull();
      fresh.close();
      assertThatThrownBy(() -> TdsClient.connect(pinned(server.port(), a, EncryptMode.MANDATORY)))
          .isInstanceOf(TdsException.class).hasMessageContaining("pinned");
      // The connection opened before the swap is untouched.
      assertThat(open.execute("SELECT 1").firstTable().rows()).containsExactly(java.util.List.of(1));
    }
  }

  @Test
  void aClientThatNeverFinishesTheLoginIsClosedAtTheLoginTimeout() throws Exception {
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert("t").certifiedKey()).build());
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(server(ServerEncryption.AVAILABLE, tls).loginTimeout(Duration.ofMillis(500)).build());
        Socket silent = new Socket("127.0.0.1", server.port());
        Socket halfHeader = new Socket("127.0.0.1", server.port())) {
      halfHeader.getOutputStream().write(new byte[] {0x12, 0x01, 0x00});
      assertThat(timeUntilClosed(silent)).isLessThan(Duration.ofSeconds(5));
      assertThat(timeUntilClosed(halfHeader)).isLessThan(Duration.ofSeconds(5));
      assertThat(log.lines).anyMatch(l -> l.contains("no login within"));
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAndOthersKeepWorking() throws Exception {
    HeldCertificate c = cert("limit");
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(c.certifiedKey()).build());
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(server(ServerEncryption.AVAILABLE, tls).maxConnections(2).build());
        TdsSession first = TdsClient.connect(pinned(server.port(), c, EncryptMode.MANDATORY));
        Socket second = new Socket("127.0.0.1", server.port())) {
      for (int i = 0; i < 100 && server.activeConnections() < 2; i++) {
        Thread.sleep(20);
      }
      assertThat(server.activeConnections()).isEqualTo(2);
      try (Socket third = new Socket("127.0.0.1", server.port())) {
        assertThat(timeUntilClosed(third)).isLessThan(Duration.ofSeconds(5));
      }
      assertThat(log.lines).anyMatch(l -> l.contains("refused, 2 connections already open"));
      assertThat(first.execute("SELECT 2").firstTable().rows()).containsExactly(java.util.List.of(2));
    }
  }

  @Test
  void anOversizedMessageClosesThatConnectionOnly() throws Exception {
    HeldCertificate c = cert("size");
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(c.certifiedKey()).build());
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(server(ServerEncryption.AVAILABLE, tls).maxMessageSize(16384).build());
        TdsSession good = TdsClient.connect(pinned(server.port(), c, EncryptMode.MANDATORY));
        TdsSession bad = TdsClient.connect(pinned(server.port(), c, EncryptMode.MANDATORY))) {
      String huge = "SELECT '" + "x".repeat(20_000) + "'";
      assertThatThrownBy(() -> bad.execute(huge)).isInstanceOf(TdsException.class);
      assertThat(log.lines).anyMatch(l -> l.contains("larger than the maximum message size"));
      assertThat(good.execute("SELECT 3").firstTable().rows()).containsExactly(java.util.List.of(3));
    }
  }

  @Test
  void anUnknownFirstByteIsClosedWithAReason() throws Exception {
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(server(ServerEncryption.NOT_SUPPORTED, null).build());
        Socket http = new Socket("127.0.0.1", server.port())) {
      http.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(timeUntilClosed(http)).isLessThan(Duration.ofSeconds(5));
      assertThat(log.lines).anyMatch(l -> l.contains("first byte 0x47"));
    }
  }

  @Test
  void aLegacyLogin7WithoutPreloginIsServedInClearOnlyWhereCleartextIsAllowed() throws Exception {
    Login7 login = Login7.builder().tdsVersion(TdsVersion.V7_4).packetSize(4096).userName(USER).password(PASSWORD)
        .appName("legacy").hostName("test").serverName("localhost").clientInterfaceName("test").build();
    byte[] wire = MessageSplitter.toWire(new TdsMessage(PacketType.LOGIN7, login.encode()), 4096, 0);
    try (TdsServer server = TdsServer.start(server(ServerEncryption.NOT_SUPPORTED, null).build());
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(wire);
      s.setSoTimeout(5000);
      byte[] header = s.getInputStream().readNBytes(8);
      int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      byte[] payload = s.getInputStream().readNBytes(length - 8);
      assertThat(new TokenDecoder(TdsVersion.V7_4).decode(payload)).anyMatch(t -> t instanceof LoginAck);
    }
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert("l").certifiedKey()).build());
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(server(ServerEncryption.FORCED, tls).build());
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(wire);
      assertThat(timeUntilClosed(s)).isLessThan(Duration.ofSeconds(5));
      assertThat(log.lines).anyMatch(l -> l.contains("without PRELOGIN"));
    }
  }

  @Test
  void babelfishPolicyClosesOnClientCertWithoutReply() throws Exception {
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert("b").certifiedKey()).build());
    ServerPolicy babelfish = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.BABELFISH, StrictPolicy.DISABLED);
    byte[] prelogin = MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN,
        io.tdstls.protocol.prelogin.PreLogin.of(new io.tdstls.protocol.prelogin.Version(1, 0, 0, 0))
            .withEncryption(io.tdstls.protocol.prelogin.EncryptionValue.of(0x81)).encode()), 4096, 0);
    try (TdsServer server = TdsServer.start(ServerConfig.builder().policy(babelfish).tls(tls)
            .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of()), StrictPolicy.DISABLED, "b")).build());
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(prelogin);
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().readAllBytes()).as("no reply before the close").isEmpty();
    }
  }

  @Test
  void aClientThatHangsUpBeforeLoggingInIsLogged() throws Exception {
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert("h").certifiedKey()).build());
    try (ServerLog log = new ServerLog(); TdsServer server = TdsServer.start(server(ServerEncryption.AVAILABLE, tls).build())) {
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      }
      for (int i = 0; i < 100 && log.lines.stream().noneMatch(l -> l.contains("before logging in")); i++) {
        Thread.sleep(20);
      }
      assertThat(log.lines).anyMatch(l -> l.contains("the client closed the connection in state STRICT_TLS_HANDSHAKE"));
    }
  }
}
