package io.tdstls.error;

/**
 * The peer's certificate could not be validated: not signed by a trusted CA, expired or not yet valid, revoked, or not the pinned certificate.
 */
public class CertificateInvalidException extends TdsException {

  /**
   * Creates the error.
   *
   * @param message what happened
   * @param advice what the user can do about it
   * @param cause the underlying error, or {@code null}
   */
  public CertificateInvalidException(String message, String advice, Throwable cause) {
    super(Kind.CERTIFICATE_INVALID, message, advice, cause);
  }
}
