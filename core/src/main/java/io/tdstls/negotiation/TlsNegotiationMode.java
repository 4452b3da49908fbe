package io.tdstls.negotiation;

/**
 * When the TLS handshake happens (seed 000's negotiation modes).
 *
 * <table>
 *   <caption>Negotiation modes</caption>
 *   <tr><th>mode</th><th>when used</th><th>flow</th></tr>
 *   <tr><td>{@link #POST_PRE_LOGIN}</td><td>TDS 7.x, Encrypt=true/false</td>
 *       <td>TCP, PRELOGIN in clear, TLS inside PRELOGIN packets, LOGIN7 encrypted</td></tr>
 *   <tr><td>{@link #STRICT}</td><td>TDS 8.0, Encrypt=strict</td>
 *       <td>TCP, TLS (ALPN tds/8.0), then PRELOGIN and LOGIN7 inside TLS</td></tr>
 * </table>
 */
public enum TlsNegotiationMode {
  /** TDS 7.x: TLS after the cleartext PRELOGIN exchange ("PostPreLogin"). */
  POST_PRE_LOGIN,
  /** TDS 8.0: TLS immediately after TCP connect. */
  STRICT;

  /**
   * Returns the negotiation mode for an encryption mode.
   *
   * @param mode the client's encryption mode
   * @return {@link #STRICT} for {@link EncryptMode#STRICT}, else {@link #POST_PRE_LOGIN}
   */
  public static TlsNegotiationMode fromEncryptMode(EncryptMode mode) {
    return mode == EncryptMode.STRICT ? STRICT : POST_PRE_LOGIN;
  }

  /**
   * Tells whether TLS starts before any TDS traffic.
   *
   * @return true for {@link #STRICT}
   */
  public boolean isTlsFirst() {
    return this == STRICT;
  }
}
