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
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server with the OpenSSL (BoringSSL) TLS provider instead of the JDK's. */
class OpenSslProviderTest {

  static final String USER = "ossl";
  static final String PASSWORD = "Ossl-pw-1";

  @TempDir static Path dir;
  static HeldCertificate ca;
  static HeldCertificate server;
  static Path caPem;

  @BeforeAll
  static void pki() throws Exception {
    assertThat(TlsProvider.OPENSSL.isAvailable())
        .as("netty-tcnative-boringssl-static must load here: " + TlsProvider.OPENSSL.unavailabilityReason().orElse(""))
        .isTrue();
    ca = HeldCertificate.builder().commonName("ossl CA").certificateAuthority(0).build();
    server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth().signedBy(ca).build();
    caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
  }

  static TdsServer start(ServerTlsConfig tls) throws Exception {
    ServerPolicy policy = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
    return TdsServer.start(ServerConfig.builder().policy(policy).tls(tls, TlsProvider.OPENSSL)
        .reloadCheckInterval(Duration.ofMillis(100))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), policy.strict(), "ossl"))
        .build());
  }

  static ConnectionConfig client(int port, TlsConfig tls) {
    return ConnectionConfig.builder().host("localhost").port(port).user(USER).password(PASSWORD.toCharArray()).tls(tls).build();
  }

  @ParameterizedTest(name = "{0} -> {1} over {2}")
  @CsvSource({"OPTIONAL, LOGIN_ONLY, TLSv1.2", "MANDATORY, FULL, TLSv1.2", "STRICT, STRICT, TLSv1.3"})
  void ourClientInEveryEncryptingMode(EncryptMode mode, Outcome outcome, String protocol) throws Exception {
    try (TdsServer s = start(ServerTlsConfig.builder().certifiedKey(server.certifiedKey()).build());
        TdsSession session = TdsClient.connect(client(s.port(), TlsConfig.builder().mode(mode).caFile(caPem).build()))) {
      assertThat(session.report().outcome()).isEqualTo(outcome);
      assertThat(session.report().tls().orElseThrow().protocol()).isEqualTo(protocol);
      assertThat(session.report().tls().orElseThrow().alpn()).isEqualTo(mode == EncryptMode.STRICT ? "tds/8.0" : "");
      assertThat(session.execute("SELECT 7").firstTable().rows()).containsExactly(List.of(7));
    }
  }

  @Test
  void microsoftsJdbcDriverFullAndStrict() throws Exception {
    Path pin = Files.writeString(dir.resolve("server.pem"), server.certificatePem());
    try (TdsServer s = start(ServerTlsConfig.builder().certifiedKey(server.certifiedKey()).build())) {
      for (String options : new String[] {"encrypt=true;trustServerCertificate=true", "encrypt=strict;serverCertificate=" + pin}) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlserver://localhost:" + s.port() + ";loginTimeout=15;" + options,
                USER, PASSWORD);
            ResultSet rs = c.createStatement().executeQuery(
                "SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).as(options).isEqualTo("TRUE");
        }
      }
    }
  }

  @Test
  void mutualTlsOnTheStrictPath() throws Exception {
    HeldCertificate clientCert = HeldCertificate.builder().commonName("ossl-client").clientAuth().signedBy(ca).build();
    Path certFile = Files.writeString(dir.resolve("client.pem"), clientCert.chainPem());
    Path keyFile = Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());
    ServerTlsConfig mtls = ServerTlsConfig.builder().certifiedKey(server.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(caPem).build();
    try (TdsServer s = start(mtls)) {
      try (TdsSession ok = TdsClient.connect(client(s.port(), TlsConfig.builder().mode(EncryptMode.STRICT).caFile(caPem)
          .clientAuth(ClientAuth.pem(certFile, keyFile, null)).build()))) {
        assertThat(ok.execute("SELECT * FROM tdstls.negotiation").firstTable().rows())
            .contains(List.of("client_certificate", "CN=ossl-client"));
      }
      assertThatThrownBy(() -> TdsClient.connect(client(s.port(), TlsConfig.builder().mode(EncryptMode.STRICT).caFile(caPem).build())))
          .isInstanceOf(TdsException.class);
    }
  }

  @Test
  void hotReloadWithOpenSsl() throws Exception {
    HeldCertificate next = HeldCertificate.builder().commonName("next").addDnsName("localhost").serverAuth().signedBy(ca).build();
    Path chain = Files.writeString(dir.resolve("reload.pem"), server.certificatePem());
    Path key = Files.writeString(dir.resolve("reload.key"), server.privateKeyPkcs8Pem());
    try (TdsServer s = start(ServerTlsConfig.builder().certificatePem(chain, key, null).build())) {
      assertThat(s.config().certificateChain().orElseThrow().get().get(0)).isEqualTo(server.certificate());
      TlsConfig pinNext = TlsConfig.builder().serverCertificateSha256(next.sha256Fingerprint().toString()).build();
      assertThatThrownBy(() -> TdsClient.connect(client(s.port(), pinNext))).isInstanceOf(TdsException.class);
      Files.writeString(dir.resolve("reload.key.tmp"), next.privateKeyPkcs8Pem());
      Files.writeString(dir.resolve("reload.pem.tmp"), next.certificatePem());
      Files.move(dir.resolve("reload.key.tmp"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(dir.resolve("reload.pem.tmp"), chain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      TdsSession after = null;
      for (int i = 0; i < 100 && after == null; i++) {
        try {
          after = TdsClient.connect(client(s.port(), pinNext));
        } catch (TdsException e) {
          Thread.sleep(100);
        }
      }
      assertThat(after).as("new connections see the new certificate").isNotNull();
      after.close();
      assertThat(s.config().certificateChain().orElseThrow().get().get(0))
          .as("the certificate in use (the gateway's expiry metric reads it)").isEqualTo(next.certificate());
    }
  }
}
