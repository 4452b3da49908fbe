package io.tdstls.tls;

/** Why a certificate chain failed validation, with what to tell the user. */
public enum CertificateProblem {
  /** No trust anchor signed the chain. */
  UNTRUSTED("is not signed by a trusted CA",
      "add the issuing CA with caFile (FreeTDS: ca file) or a trust store, or pin the certificate (serverCertificate)"),
  /** A certificate of the chain has expired. */
  EXPIRED("has expired", "renew the certificate on the server, and check this machine's clock"),
  /** A certificate of the chain is not valid yet. */
  NOT_YET_VALID("is not valid yet", "check the clocks of this machine and of the CA that issued it"),
  /** The certificate was revoked by its CA. */
  REVOKED("has been revoked by its CA", "the server must get a new certificate; do not connect to it until then"),
  /** A CRL was configured, but none covers the certificate's issuer. */
  REVOCATION_UNKNOWN("has no revocation status: no configured CRL is from its issuer (or the CRL is out of date)",
      "add a current CRL of the issuing CA with crlFile, or remove the CRL files"),
  /** The certificate may not be used for a TLS server (its extended key usage excludes it). */
  NOT_FOR_SERVER("is not issued for TLS servers (extended key usage lacks serverAuth)",
      "the server needs a certificate with the serverAuth extended key usage"),
  /** The chain is broken in another way (bad signature, wrong constraints, malformed). */
  INVALID("failed validation", "check the certificate chain the server sends (openssl s_client -showcerts)");

  private final String description;
  private final String advice;

  CertificateProblem(String description, String advice) {
    this.description = description;
    this.advice = advice;
  }

  /**
   * Returns what is wrong, to follow "the server certificate".
   *
   * @return for example "has expired"
   */
  public String description() {
    return description;
  }

  /**
   * Returns what the user can do.
   *
   * @return one sentence
   */
  public String advice() {
    return advice;
  }
}
