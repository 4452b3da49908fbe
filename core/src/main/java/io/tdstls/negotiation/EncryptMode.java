package io.tdstls.negotiation;

import io.tdstls.error.TdsConfigException;
import io.tdstls.protocol.prelogin.EncryptionValue;
import java.util.List;
import java.util.Locale;

/**
 * The client's encryption mode, with the names Microsoft's drivers ({@code Encrypt=}) and FreeTDS
 * ({@code encryption =}) use for it.
 *
 * <table>
 *   <caption>Modes across ecosystems</caption>
 *   <tr><th>mode</th><th>Microsoft</th><th>FreeTDS</th><th>PRELOGIN byte sent</th></tr>
 *   <tr><td>{@link #OFF}</td><td>(none)</td><td>off</td><td>0x02 NOT_SUP</td></tr>
 *   <tr><td>{@link #OPTIONAL}</td><td>false / optional</td><td>request</td><td>0x00 OFF</td></tr>
 *   <tr><td>{@link #MANDATORY}</td><td>true / mandatory</td><td>require</td><td>0x01 ON</td></tr>
 *   <tr><td>{@link #STRICT}</td><td>strict</td><td>strict</td><td>TLS first (TDS 8.0)</td></tr>
 * </table>
 */
public enum EncryptMode {
  /** No encryption at all; fails if the server requires it. The password is only obfuscated. */
  OFF(EncryptionValue.NOT_SUP),
  /**
   * Encryption if the server offers it; login-only with a server that merely supports it. As in
   * Microsoft's drivers, a login-only session does not validate the server certificate unless
   * trust was configured ({@link io.tdstls.tls.TlsConfig#trustConfigured()}); a server that forces
   * encryption gets full encryption, always validated. Anyone on the path can downgrade this mode.
   */
  OPTIONAL(EncryptionValue.OFF),
  /** Full encryption or no connection (the default). Never sends LOGIN7 in clear. */
  MANDATORY(EncryptionValue.ON),
  /** TDS 8.0: TLS before any TDS byte; certificate always validated. */
  STRICT(null);

  /** Every accepted spelling, for error messages. */
  private static final List<String> NAMES = List.of(
      "off", "disable", "optional", "false", "no", "request", "mandatory", "true", "yes", "require", "strict");

  private final EncryptionValue preloginValue;

  EncryptMode(EncryptionValue preloginValue) {
    this.preloginValue = preloginValue;
  }

  /**
   * Parses a mode from any of the accepted names, case-insensitively: {@code off}/{@code disable};
   * {@code optional}/{@code false}/{@code no}/{@code request}; {@code mandatory}/{@code
   * true}/{@code yes}/{@code require}; {@code strict}.
   *
   * @param text the mode name
   * @return the mode
   * @throws TdsConfigException if the name is not known, listing the valid ones
   */
  public static EncryptMode parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "off":
      case "disable":
        return OFF;
      case "optional":
      case "false":
      case "no":
      case "request":
        return OPTIONAL;
      case "mandatory":
      case "true":
      case "yes":
      case "require":
        return MANDATORY;
      case "strict":
        return STRICT;
      default:
        throw TdsConfigException.invalidValue("encryption mode", text, NAMES);
    }
  }

  /**
   * Returns the ENCRYPTION byte this mode sends in a TDS 7.x PRELOGIN.
   *
   * @return the value; for {@link #STRICT}, the value sent inside TLS (ENCRYPT_NOT_SUP, ignored by
   *     the server)
   */
  public EncryptionValue preloginValue() {
    return this == STRICT ? EncryptionValue.NOT_SUP : preloginValue;
  }

  /**
   * Tells whether this mode refuses to log in without encryption.
   *
   * @return true for {@link #MANDATORY} and {@link #STRICT}
   */
  public boolean requiresEncryption() {
    return this == MANDATORY || this == STRICT;
  }

  /**
   * Returns when the TLS handshake happens in this mode.
   *
   * @return {@link TlsNegotiationMode#STRICT} for {@link #STRICT}, else {@link
   *     TlsNegotiationMode#POST_PRE_LOGIN}
   */
  public TlsNegotiationMode negotiationMode() {
    return TlsNegotiationMode.fromEncryptMode(this);
  }

  /**
   * Returns the lower-case name used in reports and configuration.
   *
   * @return for example {@code "mandatory"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
