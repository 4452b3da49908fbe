package io.tdstls.tls;

import java.security.cert.CertificateException;
import java.util.List;

/**
 * The server certificate is valid but does not name the expected host. Thrown by {@link
 * ServerCertificateTrustManager} during the handshake; {@link TlsFailures#classify(javax.net.ssl.SSLException)} turns it into
 * an {@link io.tdstls.error.HostnameVerificationException}.
 */
public final class HostnameMismatchCertificateException extends CertificateException {

  private final String expected;
  private final List<String> namesInCertificate;

  /**
   * Creates the error.
   *
   * @param expected the host name the certificate was checked against
   * @param namesInCertificate the DNS and IP names in the certificate (SANs, else the subject CN)
   */
  public HostnameMismatchCertificateException(String expected, List<String> namesInCertificate) {
    super("certificate does not match host name '" + expected + "': it names "
        + (namesInCertificate.isEmpty() ? "no host" : String.join(", ", namesInCertificate)));
    this.expected = expected;
    this.namesInCertificate = List.copyOf(namesInCertificate);
  }

  /**
   * Returns the host name the certificate was checked against.
   *
   * @return the expected name
   */
  public String expected() {
    return expected;
  }

  /**
   * Returns the names found in the certificate.
   *
   * @return DNS names and IP addresses, possibly empty
   */
  public List<String> namesInCertificate() {
    return namesInCertificate;
  }
}
