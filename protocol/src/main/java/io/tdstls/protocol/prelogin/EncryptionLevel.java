package io.tdstls.protocol.prelogin;

/**
 * The base values of the PRELOGIN ENCRYPTION option ([MS-TDS] 2.2.6.5), without the CLIENT_CERT
 * flag. See {@link EncryptionValue} for the full byte.
 */
public enum EncryptionLevel {
  /** ENCRYPT_OFF (0x00): encryption available but not wanted; from both sides: login-only. */
  OFF(0x00),
  /** ENCRYPT_ON (0x01): encryption available and wanted. */
  ON(0x01),
  /** ENCRYPT_NOT_SUP (0x02): encryption not available. */
  NOT_SUP(0x02),
  /** ENCRYPT_REQ (0x03): encryption required. */
  REQ(0x03);

  private final int code;

  EncryptionLevel(int code) {
    this.code = code;
  }

  /**
   * Returns the wire code.
   *
   * @return 0x00..0x03
   */
  public int code() {
    return code;
  }

  /**
   * Returns the level for a base code, or {@code null} if the code is not 0..3.
   *
   * @param code the code, without the CLIENT_CERT flag
   * @return the level, or {@code null}
   */
  public static EncryptionLevel fromCode(int code) {
    return code >= 0 && code < 4 ? values()[code] : null;
  }

  /**
   * Tells whether this level asks for encryption ({@link #ON} or {@link #REQ}).
   *
   * @return whether encryption is wanted
   */
  public boolean wantsEncryption() {
    return this == ON || this == REQ;
  }
}
