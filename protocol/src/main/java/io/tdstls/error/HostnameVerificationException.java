package io.tdstls.error;

import java.util.List;

/**
 * The server's certificate is valid but was not issued for the host name the client expected.
 * Carries the expected name and the names found in the certificate, so the message can say which
 * to use with {@code hostNameInCertificate} (FreeTDS: {@code certificate hostname}).
 */
public class HostnameVerificationException extends TdsException {

  private final String expected;
  private final List<String> namesInCertificate;

  /**
   * Creates the error.
   *
   * @param expected the host name the client checked the certificate against
   * @param namesInCertificate the DNS and IP names (SANs, else the subject CN) in the certificate
   * @param cause the underlying error, or {@code null}
   */
  public HostnameVerificationException(
      String expected, List<String> namesInCertificate, Throwable cause) {
    super(
        Kind.HOSTNAME_MISMATCH,
        "the server certificate is not valid for host name '"
            + expected
            + "': it names "
            + (namesInCertificate.isEmpty() ? "no host at all" : String.join(", ", namesInCertificate)),
        "connect using one of the names in the certificate, or set hostNameInCertificate"
            + " (FreeTDS: certificate hostname) to the name the certificate was issued for",
        cause);
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
   * @return DNS and IP names, possibly empty
   */
  public List<String> namesInCertificate() {
    return namesInCertificate;
  }
}
