package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.pki.HeldCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificate facts for generated certificates: over the wire from our server, and from chains directly. */
class CertificateFactsTest {

  static ProbeReport probeServerWith(HeldCertificate cert) throws Exception {
    try (TdsServer server = Endpoint.start(cert, ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED)) {
      ProbeOptions options = ProbeOptions.builder().timeout(Duration.ofSeconds(5))
          .addCaCertificate(TestCertificates.ROOT.certificate()).build();
      return new Prober(options).probe(Endpoint.target(server));
    }
  }

  static CertificateFacts inspect(HeldCertificate cert, String host) {
    return CertificateInspector.inspect(cert.chain(), host, List.of(TestCertificates.ROOT.certificate()), Instant.now());
  }

  static List<String> ids(ProbeReport r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  @Test
  void chainWithIntermediateIsReadFromTheWire() throws Exception {
    ProbeReport r = probeServerWith(TestCertificates.VIA_INTERMEDIATE);

    CertificateFacts c = r.certificateFacts().orElseThrow();
    assertThat(c.chainLength()).isEqualTo(2);
    assertThat(c.chainShape()).isEqualTo(ChainShape.TO_INTERMEDIATE);
    assertThat(c.issuer()).isEqualTo("CN=probe test intermediate");
    assertThat(c.caFileTrust()).isEqualTo(TrustVerdict.TRUSTED);
    assertThat(c.systemTrust()).isEqualTo(TrustVerdict.UNTRUSTED);
    assertThat(c.sha256()).isEqualTo(TestCertificates.VIA_INTERMEDIATE.sha256Fingerprint().hex());
    assertThat(ids(r)).doesNotContain("untrusted", "incomplete-chain", "self-signed", "hostname-mismatch");
  }

  @Test
  void selfSignedOverTheWire() throws Exception {
    ProbeReport r = probeServerWith(TestCertificates.SELF_SIGNED);

    CertificateFacts c = r.certificateFacts().orElseThrow();
    assertThat(c.selfSigned()).isTrue();
    assertThat(c.chainShape()).isEqualTo(ChainShape.SELF_SIGNED);
    assertThat(c.sqlServerFallback()).isFalse();
    assertThat(c.caFileTrust()).isEqualTo(TrustVerdict.UNTRUSTED);
    assertThat(ids(r)).contains("self-signed");
  }

  @Test
  void expiredOverTheWire() throws Exception {
    ProbeReport r = probeServerWith(TestCertificates.EXPIRED);

    CertificateFacts c = r.certificateFacts().orElseThrow();
    assertThat(c.daysLeft()).isNegative();
    // the issuer is trusted: expiry is reported as expiry, not as distrust
    assertThat(c.caFileTrust()).isEqualTo(TrustVerdict.TRUSTED);
    assertThat(ids(r)).contains("expired").doesNotContain("untrusted");
    assertThat(r.worst()).isEqualTo(Severity.HIGH);
  }

  @Test
  void wrongHost() {
    CertificateFacts c = inspect(TestCertificates.WRONG_HOST, "localhost");

    assertThat(c.hostnameMatches()).isFalse();
    assertThat(c.subjectAlternativeNames()).containsExactly("DNS:db.example.com");
    assertThat(inspect(TestCertificates.WRONG_HOST, "db.example.com").hostnameMatches()).isTrue();
  }

  @Test
  void ipAddressTargetsMatchIpSans() {
    assertThat(inspect(TestCertificates.SERVER, "127.0.0.1").hostnameMatches()).isTrue();
    assertThat(inspect(TestCertificates.SERVER, "127.0.0.2").hostnameMatches()).isFalse();
  }

  @Test
  void sqlServerSelfGeneratedCertificateIsRecognised() {
    CertificateFacts c = inspect(TestCertificates.SQL_FALLBACK, "localhost");

    assertThat(c.selfSigned()).isTrue();
    assertThat(c.sqlServerFallback()).isTrue();
    assertThat(c.subject()).startsWith("CN=SSL_Self_Signed_Fallback");
  }

  @Test
  void keyAndValidityFacts() {
    CertificateFacts c = inspect(TestCertificates.SERVER, "localhost");

    assertThat(c.keyAlgorithm()).isIn("EC", "RSA");
    assertThat(c.keyBits()).isGreaterThanOrEqualTo(256);
    assertThat(c.signatureAlgorithm()).containsIgnoringCase("SHA256");
    assertThat(c.serverAuthEku()).isTrue();
    assertThat(c.daysLeft()).isBetween(363L, 365L);
    assertThat(c.notAfter()).isEqualTo(TestCertificates.SERVER.certificate().getNotAfter().toInstant());
  }

  @Test
  void clientOnlyCertificateLacksServerAuth() {
    HeldCertificate clientOnly = TestCertificates.longLived().commonName("localhost").addDnsName("localhost")
        .clientAuth().signedBy(TestCertificates.ROOT).build();

    assertThat(inspect(clientOnly, "localhost").serverAuthEku()).isFalse();
  }

  @Test
  void chainShapes() {
    HeldCertificate leaf = TestCertificates.VIA_INTERMEDIATE;
    assertThat(CertificateInspector.shape(List.of(leaf.certificate()))).isEqualTo(ChainShape.LEAF_ONLY);
    assertThat(CertificateInspector.shape(List.of(leaf.certificate(), TestCertificates.INTERMEDIATE.certificate(),
        TestCertificates.ROOT.certificate()))).isEqualTo(ChainShape.TO_ROOT);
    assertThat(CertificateInspector.shape(List.of(leaf.certificate(), TestCertificates.ROOT.certificate())))
        .isEqualTo(ChainShape.BROKEN);
  }

  @Test
  void trustWithoutCaFileIsNotChecked() {
    CertificateFacts c = CertificateInspector.inspect(TestCertificates.SERVER.chain(), "localhost", List.of(), Instant.now());

    assertThat(c.caFileTrust()).isEqualTo(TrustVerdict.NOT_CHECKED);
    assertThat(c.trusted()).isFalse();
  }

  @Test
  void aSelfSignedCertificateGivenAsCaFileIsTrusted() {
    HeldCertificate self = TestCertificates.SELF_SIGNED;
    CertificateFacts c = CertificateInspector.inspect(self.chain(), "localhost", List.of(self.certificate()), Instant.now());

    assertThat(c.caFileTrust()).isEqualTo(TrustVerdict.TRUSTED);
    assertThat(c.trusted()).isTrue();
  }
}
