package io.tdstls.probe;

import io.tdstls.protocol.prelogin.EncryptionValue;

/**
 * The differential PRELOGIN probes: the ENCRYPTION byte each one sends, on a fresh connection.
 * Comparing the replies classifies the endpoint ([MS-TDS] 2.2.6.5, the server reply table).
 */
public enum PreloginProbe {
  /** ENCRYPT_OFF (0x00): encryption available on this client, not wanted. */
  OFF(EncryptionValue.OFF),
  /** ENCRYPT_ON (0x01): this client wants encryption. */
  ON(EncryptionValue.ON),
  /** ENCRYPT_NOT_SUP (0x02): this client has no TLS; a server that answers NOT_SUP takes a cleartext login. */
  NOT_SUP(EncryptionValue.NOT_SUP),
  /** ENCRYPT_CLIENT_CERT|ENCRYPT_OFF (0x80). */
  CLIENT_CERT_OFF(EncryptionValue.of(0x80)),
  /** ENCRYPT_CLIENT_CERT|ENCRYPT_ON (0x81). */
  CLIENT_CERT_ON(EncryptionValue.of(0x81));

  private final EncryptionValue sent;

  PreloginProbe(EncryptionValue sent) {
    this.sent = sent;
  }

  /**
   * Returns the ENCRYPTION byte this probe sends.
   *
   * @return the value
   */
  public EncryptionValue sent() {
    return sent;
  }
}
