package io.tdstls.bench.connect;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsVersion;
import java.util.Optional;

/**
 * The connection modes benchmarked, with what each is compared against: the raw JDK TLS handshake
 * of the same TLS version (plain TCP for no encryption), and the Microsoft JDBC driver's
 * {@code encrypt=} value that negotiates the same outcome against our server.
 */
public enum LoginMode {
  /** TDS 7.x, TLS (1.2) for the LOGIN7 packet only. */
  LOGIN_ONLY("login-only (7.x)", EncryptMode.OPTIONAL, TlsVersion.TLS_1_2, "false"),
  /** TDS 7.x, everything in TLS 1.2. */
  FULL("full (7.x, TLS 1.2)", EncryptMode.MANDATORY, TlsVersion.TLS_1_2, "true"),
  /** TDS 8.0, TLS 1.2 first. */
  STRICT_TLS_12("strict TLS 1.2", EncryptMode.STRICT, TlsVersion.TLS_1_2, "strict"),
  /** TDS 8.0, TLS 1.3 first. */
  STRICT_TLS_13("strict TLS 1.3", EncryptMode.STRICT, TlsVersion.TLS_1_3, "strict"),
  /** TDS 7.x in clear. */
  NONE("no encryption", EncryptMode.OFF, null, null);

  private final String label;
  private final EncryptMode mode;
  private final TlsVersion tls;
  private final String jdbcEncrypt;

  LoginMode(String label, EncryptMode mode, TlsVersion tls, String jdbcEncrypt) {
    this.label = label;
    this.mode = mode;
    this.tls = tls;
    this.jdbcEncrypt = jdbcEncrypt;
  }

  /**
   * Returns the name shown in the results.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns our client's mode.
   *
   * @return the encrypt mode
   */
  public EncryptMode mode() {
    return mode;
  }

  /**
   * Returns the TLS version used, which is also the baseline's.
   *
   * @return the version, empty for no encryption (the baseline is plain TCP)
   */
  public Optional<TlsVersion> tls() {
    return Optional.ofNullable(tls);
  }

  /**
   * Returns the JDBC driver's {@code encrypt=} value for the same outcome.
   *
   * @return the value, empty when the driver has no equivalent
   */
  public Optional<String> jdbcEncrypt() {
    return Optional.ofNullable(jdbcEncrypt);
  }
}
