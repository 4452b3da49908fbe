package io.tdstls.protocol.prelogin;

/**
 * PRELOGIN option tokens ([MS-TDS] 2.2.6.5), each with its wire code and, where fixed, the length
 * of its data.
 */
public enum PreLoginOption {
  /** VERSION: 6 bytes (major, minor, build, sub-build). */
  VERSION(0x00, 6),
  /** ENCRYPTION: 1 byte. */
  ENCRYPTION(0x01, 1),
  /** INSTOPT: the instance name, null-terminated. */
  INSTOPT(0x02, -1),
  /** THREADID: 4 bytes (servers send it empty). */
  THREADID(0x03, -1),
  /** MARS: 1 byte, 0x00 or 0x01. */
  MARS(0x04, 1),
  /** TRACEID: 36 bytes (connection id, activity id, activity sequence). */
  TRACEID(0x05, 36),
  /** FEDAUTHREQUIRED: 1 byte, 0x00 or 0x01. */
  FEDAUTHREQUIRED(0x06, 1),
  /** NONCEOPT: 32 bytes. */
  NONCEOPT(0x07, 32);

  /** The token that ends the option table. */
  public static final int TERMINATOR = 0xFF;

  private final int token;
  private final int fixedLength;

  PreLoginOption(int token, int fixedLength) {
    this.token = token;
    this.fixedLength = fixedLength;
  }

  /**
   * Returns the wire token.
   *
   * @return the token byte
   */
  public int token() {
    return token;
  }

  /**
   * Returns the exact data length this option must have, or {@code -1} if it varies.
   *
   * @return the fixed length, or -1
   */
  public int fixedLength() {
    return fixedLength;
  }

  /**
   * Returns the option for a token, or {@code null} if the token is unknown (unknown options are
   * skipped, for forward compatibility).
   *
   * @param token the token byte
   * @return the option, or {@code null}
   */
  public static PreLoginOption fromToken(int token) {
    for (PreLoginOption o : values()) {
      if (o.token == token) {
        return o;
      }
    }
    return null;
  }
}
