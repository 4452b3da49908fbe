package io.tdstls.probe;

/** Whether the endpoint serves TDS 8.0 strict (TLS first, ALPN {@code tds/8.0}). */
public enum StrictSupport {
  /** A TLS-first handshake fails: strict is not served. */
  NOT_SUPPORTED,
  /** Strict works, and TDS 7.x PRELOGIN is answered too. */
  SUPPORTED,
  /** Strict works and TDS 7.x PRELOGIN is refused: only strict clients can connect. */
  REQUIRED,
  /** TLS-first handshakes complete but no TDS answer comes inside TLS: a TLS service, not TDS. */
  TLS_NOT_TDS
}
