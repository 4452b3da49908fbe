package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinning by file and by SHA-256, and trustServerCertificate. */
class PinningAndTrustAllTest {

  @TempDir Path dir;
  TestPki pki;
  HeldCertificate selfSigned;

  @BeforeEach
  void setUp() {
    pki = new TestPki(dir);
    selfSigned = HeldCertificate.builder().commonName("sqlserver-selfsigned").addDnsName("sql.local").build();
  }

  @Test
  void pinnedPemFileMatchesEvenWithWrongHostAndUntrustedIssuer() throws Exception {
    Path pin = pki.write("pin.pem", selfSigned.certificatePem());
    TlsConfig config = TlsConfig.builder().serverCertificate(pin).build();
    EnginePump.Result r = HandshakeTest.handshake(config, "some.other.host", HandshakeTest.serverFor(selfSigned),
        TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).as("%s", r.clientError()).isTrue();
  }

  @Test
  void pinnedDerFileMatches() throws Exception {
    Path pin = dir.resolve("pin.der");
    Files.write(pin, selfSigned.certificate().getEncoded());
    TlsConfig config = TlsConfig.builder().serverCertificate(pin).build();
    assertThat(HandshakeTest.handshake(config, "sql.local", HandshakeTest.serverFor(selfSigned),
        TlsNegotiationMode.POST_PRE_LOGIN).succeeded()).isTrue();
  }

  @Test
  void pinnedFileMismatchNamesBothFingerprints() throws Exception {
    Path pin = pki.write("pin.pem", selfSigned.certificatePem());
    TlsConfig config = TlsConfig.builder().serverCertificate(pin).build();
    TdsException e = HandshakeTest.clientFailure(HandshakeTest.handshake(config, TestPki.HOST,
        HandshakeTest.serverFor(pki.server), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage())
        .contains(selfSigned.sha256Fingerprint().toString())
        .contains(pki.server.sha256Fingerprint().toString());
  }

  @Test
  void sha256PinMatchesAndMismatches() throws Exception {
    TlsConfig good = TlsConfig.builder().serverCertificateSha256(selfSigned.sha256Fingerprint().toString()).build();
    assertThat(HandshakeTest.handshake(good, "sql.local", HandshakeTest.serverFor(selfSigned),
        TlsNegotiationMode.STRICT).succeeded()).isTrue();
    TlsConfig bad = TlsConfig.builder().serverCertificateSha256(pki.server.sha256Fingerprint().bytes()).build();
    TdsException e = HandshakeTest.clientFailure(HandshakeTest.handshake(bad, "sql.local",
        HandshakeTest.serverFor(selfSigned), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("pinned").contains(selfSigned.sha256Fingerprint().toString());
  }

  @Test
  void trustServerCertificateAcceptsSelfSignedAndWarnsEachConnection() throws Exception {
    TlsConfig config = TlsConfig.builder().dangerous().trustServerCertificate(true).build();
    ClientEngineFactory client = new ClientEngineFactory(config);
    ServerEngineFactory server = HandshakeTest.serverFor(selfSigned);
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 2; i++) {
        EnginePump.Result r = EnginePump.handshake(client.newEngine("wrong.host", 1433, TlsNegotiationMode.POST_PRE_LOGIN),
            server.newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
        assertThat(r.succeeded()).isTrue();
      }
      assertThat(log.warningsContaining("without validation")).isEqualTo(2);
      assertThat(log.warningsContaining("wrong.host")).isEqualTo(2);
    }
  }

  @Test
  void withoutTrustServerCertificateSelfSignedIsRefusedAndNothingWarns() throws Exception {
    try (LogCapture log = new LogCapture()) {
      TdsException e = HandshakeTest.clientFailure(HandshakeTest.handshake(TlsConfig.defaults(), "sql.local",
          HandshakeTest.serverFor(selfSigned), TlsNegotiationMode.POST_PRE_LOGIN));
      assertThat(e).isInstanceOf(CertificateInvalidException.class);
      assertThat(log.warningsContaining("without validation")).isZero();
    }
  }
}
