package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.HostnameVerificationException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our client against our server over loopback TCP, with a CA, server and client certificates
 * generated for the run.
 */
class LoopbackTlsTest {

  static final String VERIFY = "SELECT encrypt_option, protocol_type, auth_scheme FROM sys.dm_exec_connections"
      + " WHERE session_id = @@SPID";

  @TempDir static Path dir;
  static Pki pki;

  @BeforeAll
  static void generate() {
    pki = new Pki(dir);
  }

  static ConnectionConfig config(int port, TlsConfig tls) {
    return ConnectionConfig.builder().host("localhost").port(port).user(LoopbackServer.USER)
        .password(LoopbackServer.PASSWORD.toCharArray()).tls(tls).build();
  }

  static TlsConfig.Builder trusting() {
    return TlsConfig.builder().caFile(pki.caFile());
  }

  @ParameterizedTest(name = "mode {0}: {1}, encrypt_option {2}, {3}")
  @CsvSource({
    "OFF, NONE, FALSE, ",
    "OPTIONAL, LOGIN_ONLY, FALSE, TLSv1.2",
    "MANDATORY, FULL, TRUE, TLSv1.2",
    "STRICT, STRICT, TRUE, TLSv1.3",
  })
  void verificationQueryInEveryMode(EncryptMode mode, Outcome outcome, String encryptOption, String tlsVersion)
      throws Exception {
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
        TdsSession session = TdsClient.connect(config(server.port(), trusting().mode(mode).build()))) {
      QueryResult r = session.execute(VERIFY);
      System.out.println("mode " + mode.label() + ":\n" + session.report().describe() + r.firstTable().format());
      assertThat(r.firstTable().rows()).containsExactly(List.of(encryptOption, "TSQL", "SQL"));
      assertThat(session.report().outcome()).isEqualTo(outcome);
      if (tlsVersion == null) {
        assertThat(session.report().tls()).isEmpty();
      } else {
        assertThat(session.report().tls().orElseThrow().protocol()).isEqualTo(tlsVersion);
        assertThat(session.report().tls().orElseThrow().alpn()).isEqualTo(mode == EncryptMode.STRICT ? "tds/8.0" : "");
        assertThat(session.report().tls().orElseThrow().sniHostName()).isEqualTo("localhost");
      }
      assertThat(session.execute("SELECT @@VERSION").firstTable().rows().get(0).get(0).toString())
          .startsWith("Microsoft SQL Server 2022");
    }
  }

  @Test
  void untrustedCertificateIsRefused() throws Exception {
    Path other = pki.write("other-ca.pem", pki.otherCa.certificatePem());
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED)) {
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.MANDATORY, EncryptMode.STRICT}) {
        assertThatThrownBy(() -> TdsClient.connect(config(server.port(), TlsConfig.builder().mode(mode).caFile(other).build())))
            .isInstanceOf(CertificateInvalidException.class)
            .extracting(e -> ((TdsException) e).advice()).asString().isNotEmpty();
      }
    }
  }

  @Test
  void expiredCertificateIsRefused() throws Exception {
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.expiredServer), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED)) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(), trusting().build())))
          .isInstanceOf(CertificateInvalidException.class)
          .hasMessageContaining("expired");
    }
  }

  @Test
  void wrongHostNameIsRefusedAndFixedByHostNameInCertificate() throws Exception {
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.wrongHostServer), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED)) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(), trusting().build())))
          .isInstanceOfSatisfying(HostnameVerificationException.class, e -> {
            assertThat(e.expected()).isEqualTo("localhost");
            assertThat(e.namesInCertificate()).contains("db.example.com");
            assertThat(e.advice()).contains("hostNameInCertificate");
          });
      try (TdsSession s = TdsClient.connect(config(server.port(), trusting().hostNameInCertificate("db.example.com").build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.FULL);
      }
    }
  }

  @Test
  void pinnedCertificateMatchesAndMismatches() throws Exception {
    Path pin = pki.write("pinned.pem", pki.server.certificatePem());
    Path wrongPin = pki.write("wrong-pin.pem", pki.wrongHostServer.certificatePem());
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED)) {
      // No CA trusted at all: the pin alone decides.
      try (TdsSession s = TdsClient.connect(config(server.port(), TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificate(pin).build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
      }
      try (TdsSession s = TdsClient.connect(config(server.port(),
          TlsConfig.builder().serverCertificateSha256(pki.server.sha256Fingerprint().toString()).build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.FULL);
      }
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(), TlsConfig.builder().serverCertificate(wrongPin).build())))
          .isInstanceOf(CertificateInvalidException.class)
          .hasMessageContaining("pinned");
    }
  }

  @Test
  void mutualTlsAcceptedAndRefused() throws Exception {
    ServerTlsConfig mtls = ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(pki.caFile()).build();
    Path goodCert = pki.write("client.pem", pki.client.chainPem());
    Path goodKey = pki.write("client.key", pki.client.privateKeyPkcs8Pem());
    Path badCert = pki.write("intruder.pem", pki.untrustedClient.chainPem());
    Path badKey = pki.write("intruder.key", pki.untrustedClient.privateKeyPkcs8Pem());
    try (TdsServer server = LoopbackServer.start(mtls, ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED)) {
      try (TdsSession s = TdsClient.connect(config(server.port(),
          trusting().mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(goodCert, goodKey, null)).build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
        QueryResult view = s.execute("SELECT * FROM tdstls.negotiation");
        assertThat(view.firstTable().rows()).contains(List.of("client_certificate", "CN=app-client"));
      }
      // the server's fatal alert reaches the client, which says its certificate was refused
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(), trusting().mode(EncryptMode.STRICT).build())))
          .isInstanceOfSatisfying(TlsHandshakeException.class, e -> assertThat(e.advice())
              .contains("the peer refused the certificate this side presented"))
          .hasMessageContaining("Received fatal alert: ");
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(),
          trusting().mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(badCert, badKey, null)).build())))
          .isInstanceOfSatisfying(TlsHandshakeException.class, e -> assertThat(e.advice())
              .contains("the peer refused the certificate this side presented"))
          .hasMessageContaining("Received fatal alert: ");
    }
  }

  @Test
  void tls13InStrictNeverIn7x() throws Exception {
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.FORCED, StrictPolicy.ALLOWED)) {
      TlsConfig both = trusting().minProtocolVersion(TlsVersion.TLS_1_2).maxProtocolVersion(TlsVersion.TLS_1_3).build();
      try (TdsSession s = TdsClient.connect(config(server.port(), both))) {
        assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
      }
      try (TdsSession s = TdsClient.connect(config(server.port(), both.toBuilder().mode(EncryptMode.STRICT).build()))) {
        assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo("TLSv1.3");
      }
    }
  }

  @Test
  void legacyTlsServerIsRefusedByDefault() throws Exception {
    ServerTlsConfig legacyOnly = ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_0).maxProtocolVersion(TlsVersion.TLS_1_1).build();
    try (TdsServer server = LoopbackServer.start(legacyOnly, ServerEncryption.AVAILABLE, StrictPolicy.DISABLED)) {
      assertThatThrownBy(() -> TdsClient.connect(config(server.port(), trusting().build())))
          .isInstanceOf(TdsException.class)
          .satisfies(e -> assertThat(((TdsException) e).kind()).isIn(TdsException.Kind.TLS_HANDSHAKE, TdsException.Kind.CONNECTION));
    }
  }
}
