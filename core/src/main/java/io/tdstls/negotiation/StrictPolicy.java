package io.tdstls.negotiation;

/** Whether a server accepts TDS 8.0 strict connections (TLS first) beside TDS 7.x. */
public enum StrictPolicy {
  /** Strict connections are refused (first byte 0x16 closes the connection). */
  DISABLED,
  /** Strict and TDS 7.x clients are both served on the same port (SQL Server 2022's default). */
  ALLOWED,
  /**
   * Only strict connections are served (SQL Server's Force Strict Encryption): a TDS 7.x client
   * is still answered with full encryption, so that its login never crosses the wire in clear,
   * and is then refused with error 17819.
   */
  REQUIRED
}
