package io.tdstls.tls;

/** Whether a server asks TDS 8.0 (strict) clients for a certificate. */
public enum ClientCertificateMode {
  /** No client certificate is requested. */
  NONE,
  /** A certificate is requested; a client without one is still accepted, one with a bad one is not. */
  OPTIONAL,
  /** A certificate from a trusted client CA is required. */
  REQUIRED
}
