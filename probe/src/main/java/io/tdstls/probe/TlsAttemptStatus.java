package io.tdstls.probe;

/** The result of one TLS handshake attempt at one protocol version. */
public enum TlsAttemptStatus {
  /** The handshake completed at this version. */
  ACCEPTED,
  /** The server refused the handshake (alert, close, or another version chosen). */
  REFUSED,
  /** This JVM cannot offer the version (TLS 1.0/1.1 are disabled by {@code jdk.tls.disabledAlgorithms}). */
  NOT_TESTABLE,
  /** Not tried: the path does not exist at this endpoint (no TLS, or strict not served). */
  NOT_ATTEMPTED,
  /** The server did not answer within the timeout. */
  TIMEOUT
}
