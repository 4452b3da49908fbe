package io.tdstls.protocol.encryption;

/** What a connection ends up encrypting. */
public enum Outcome {
  /** Nothing is encrypted: the LOGIN7 password crosses the wire only XOR-obfuscated. */
  NONE("none"),
  /** TDS 7.x: only the first LOGIN7 packet is encrypted; everything after is in clear. */
  LOGIN_ONLY("login-only"),
  /** TDS 7.x: everything after the PRELOGIN exchange is encrypted. */
  FULL("full"),
  /** TDS 8.0: TLS from the first byte; PRELOGIN and everything after travel inside TLS. */
  STRICT("strict");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /**
   * Returns the short label used in reports.
   *
   * @return for example {@code "login-only"}
   */
  public String label() {
    return label;
  }

  /**
   * Tells whether the LOGIN7 message is encrypted under this outcome.
   *
   * @return whether the login travels inside TLS
   */
  public boolean encryptsLogin() {
    return this != NONE;
  }

  /**
   * Tells whether traffic after the login is encrypted.
   *
   * @return whether the session is fully encrypted
   */
  public boolean encryptsSession() {
    return this == FULL || this == STRICT;
  }
}
