package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.HostnameVerificationException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.tls.pki.CertificateFingerprint;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsFailuresTest {

  static SSLException wrapping(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("some JSSE text");
    e.initCause(new RuntimeException("middle", cause));
    return e;
  }

  @Test
  void hostnameMismatchDeepInTheChainBecomesHostnameVerification() {
    TdsException e = TlsFailures.classify(wrapping(new HostnameMismatchCertificateException("a.test", List.of("b.test"))));
    assertThat(e).isInstanceOfSatisfying(HostnameVerificationException.class, h -> {
      assertThat(h.expected()).isEqualTo("a.test");
      assertThat(h.namesInCertificate()).containsExactly("b.test");
    });
    assertThat(e.kind()).isEqualTo(TdsException.Kind.HOSTNAME_MISMATCH);
  }

  @Test
  void pinMismatchNamesBothFingerprints() {
    CertificateFingerprint expected = CertificateFingerprint.ofSha256(new byte[32]);
    byte[] other = new byte[32];
    other[0] = (byte) 0xAB;
    CertificateFingerprint actual = CertificateFingerprint.ofSha256(other);
    TdsException e = TlsFailures.classify(wrapping(new PinMismatchCertificateException(expected, actual)));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains(expected.toString()).contains(actual.toString());
    assertThat(e.advice()).contains("pin");
  }

  @ParameterizedTest
  @EnumSource(CertificateProblem.class)
  void everyChainProblemIsCertificateInvalidWithItsAdvice(CertificateProblem problem) {
    TdsException e = TlsFailures.classify(wrapping(new CertificateChainException(problem, "'CN=x'", null)));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains(problem.description());
    assertThat(e.advice()).isEqualTo(problem.advice());
  }

  @Test
  void jdkCertificateErrorsAreClassifiedByType() {
    assertThat(TlsFailures.classify(wrapping(new CertificateExpiredException("x"))).getMessage()).contains("expired");
    CertPathValidatorException revoked = new CertPathValidatorException("x", null, null, -1,
        CertPathValidatorException.BasicReason.REVOKED);
    assertThat(TlsFailures.classify(wrapping(revoked)).getMessage()).contains("revoked");
  }

  @Test
  void anythingElseIsTlsHandshakeWithTheJsseText() {
    TdsException e = TlsFailures.classify(new SSLHandshakeException("Received fatal alert: handshake_failure"));
    assertThat(e).isInstanceOf(TlsHandshakeException.class);
    assertThat(e.getMessage()).contains("Received fatal alert: handshake_failure");
    assertThat(e.advice()).contains("TLS alert");
    assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad_certificate", "certificate_unknown", "unknown_ca",
      "certificate_required", "certificate_expired"})
  void aCertificateAlertSaysThePeerRefusedTheCertificateThisSidePresented(String alert) {
    TdsException e = TlsFailures.classify(new SSLHandshakeException("Received fatal alert: " + alert));
    assertThat(e).isInstanceOf(TlsHandshakeException.class);
    assertThat(e.getMessage()).contains("Received fatal alert: " + alert);
    assertThat(e.advice()).contains("the peer refused the certificate this side presented (alert " + alert + ")")
        .contains("--client-ca").doesNotContain("enableLegacyTls");
  }

  @Test
  void aCyclicCauseChainTerminates() {
    SSLException outer = new SSLException("outer");
    RuntimeException inner = new RuntimeException("inner", outer);
    outer.initCause(inner);
    assertThat(TlsFailures.classify(outer)).isInstanceOf(TlsHandshakeException.class);
  }
}
