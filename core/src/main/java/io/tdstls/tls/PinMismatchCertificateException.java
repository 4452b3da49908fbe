package io.tdstls.tls;

import io.tdstls.tls.pki.CertificateFingerprint;
import java.security.cert.CertificateException;

/**
 * The server presented a certificate other than the pinned one ({@link
 * TlsConfig#serverCertificate()} or {@link TlsConfig#serverCertificateSha256()}).
 */
public final class PinMismatchCertificateException extends CertificateException {

  private final CertificateFingerprint expected;
  private final CertificateFingerprint actual;

  /**
   * Creates the error.
   *
   * @param expected the pinned fingerprint
   * @param actual the fingerprint of the certificate the server presented
   */
  public PinMismatchCertificateException(CertificateFingerprint expected, CertificateFingerprint actual) {
    super("server certificate is not the pinned one: expected SHA-256 " + expected + ", got " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Returns the pinned fingerprint.
   *
   * @return the expected SHA-256 fingerprint
   */
  public CertificateFingerprint expected() {
    return expected;
  }

  /**
   * Returns the fingerprint of the presented certificate.
   *
   * @return the actual SHA-256 fingerprint
   */
  public CertificateFingerprint actual() {
    return actual;
  }
}
