package io.tdstls.protocol.encryption;

/** How a server treats a client ENCRYPTION byte that carries the CLIENT_CERT flag (0x80). */
public enum ClientCertPolicy {
  /**
   * Answer by the base value, as [MS-TDS] 2.2.6.5 describes (and SQL Server does); a server
   * without TLS answers ENCRYPT_NOT_SUP and closes, since certificate authentication needs TLS.
   */
  MS_TDS,
  /** Close the connection on any CLIENT_CERT value, without a reply (Babelfish, seed 004). */
  BABELFISH
}
