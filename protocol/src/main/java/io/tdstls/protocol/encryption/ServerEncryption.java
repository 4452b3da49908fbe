package io.tdstls.protocol.encryption;

/**
 * How a server is set up for TDS 7.x encryption: the column of the encryption table.
 */
public enum ServerEncryption {
  /**
   * Encryption available but not forced (SQL Server's default; Babelfish {@code
   * tds_ssl_encrypt = false}). The server's ENCRYPTION byte is ENCRYPT_OFF; a client that asks for
   * nothing gets login-only encryption.
   */
  AVAILABLE,
  /**
   * Encryption forced (SQL Server's Force Encryption; Babelfish {@code tds_ssl_encrypt = true}).
   * The server's ENCRYPTION byte is ENCRYPT_ON.
   */
  FORCED,
  /** No certificate, no TLS. The server's ENCRYPTION byte is ENCRYPT_NOT_SUP. */
  NOT_SUPPORTED
}
