package io.tdstls.protocol.token;

import io.tdstls.protocol.login.TdsVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * LOGINACK ([MS-TDS] 2.2.7.14): the login succeeded.
 *
 * @param interfaceType 0 SQL_DFLT, 1 SQL_TSQL
 * @param tdsVersionCode the TDS version the server will use (big-endian on the wire here)
 * @param progName the server's name, for example {@code "Microsoft SQL Server"}
 * @param majorVersion the product major version, 0..255
 * @param minorVersion the product minor version, 0..255
 * @param buildNumber the product build number, 0..65535
 */
public record LoginAck(int interfaceType, int tdsVersionCode, String progName, int majorVersion,
    int minorVersion, int buildNumber) implements Token {

  /**
   * Validates.
   *
   * @param interfaceType 0..255
   * @param tdsVersionCode the TDS version code
   * @param progName the server name, at most 255 characters
   * @param majorVersion 0..255
   * @param minorVersion 0..255
   * @param buildNumber 0..65535
   * @throws IllegalArgumentException if a value is out of range
   */
  public LoginAck {
    Objects.requireNonNull(progName, "progName");
    if ((interfaceType & ~0xFF) != 0 || (majorVersion & ~0xFF) != 0 || (minorVersion & ~0xFF) != 0
        || (buildNumber & ~0xFFFF) != 0 || progName.length() > 0xFF) {
      throw new IllegalArgumentException("LOGINACK field out of range");
    }
  }

  /**
   * Returns the TDS version when known.
   *
   * @return the version, or empty for an unknown code
   */
  public Optional<TdsVersion> tdsVersion() {
    return Optional.ofNullable(TdsVersion.fromCode(tdsVersionCode));
  }

  @Override
  public TokenType type() {
    return TokenType.LOGINACK;
  }
}
