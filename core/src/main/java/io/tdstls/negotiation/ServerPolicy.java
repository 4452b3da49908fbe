package io.tdstls.negotiation;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.util.Objects;

/**
 * How a server negotiates encryption.
 *
 * @param encryption TDS 7.x encryption: available, forced, or not supported
 * @param clientCert how a CLIENT_CERT ENCRYPTION byte is treated (MS-TDS or Babelfish)
 * @param strict whether TDS 8.0 strict connections are disabled, allowed or required
 */
public record ServerPolicy(ServerEncryption encryption, ClientCertPolicy clientCert, StrictPolicy strict) {

  /**
   * Checks the components.
   *
   * @param encryption see the record component
   * @param clientCert see the record component
   * @param strict see the record component
   */
  public ServerPolicy {
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(clientCert, "clientCert");
    Objects.requireNonNull(strict, "strict");
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new IllegalArgumentException("a server without TLS cannot accept strict connections");
    }
  }

  /**
   * Returns SQL Server's default: encryption available, strict allowed, MS-TDS CLIENT_CERT rules.
   *
   * @return the policy
   */
  public static ServerPolicy sqlServerDefault() {
    return new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
  }

  /**
   * Returns the encryption setting the TDS 7.x table is applied with: forced when strict is
   * required, so that a 7.x client's login is encrypted before it is refused.
   *
   * @return the effective setting
   */
  public ServerEncryption effectiveEncryption() {
    return strict == StrictPolicy.REQUIRED ? ServerEncryption.FORCED : encryption;
  }

  /**
   * Tells whether a client may log in without any encryption.
   *
   * @return whether cleartext logins are allowed
   */
  public boolean allowsCleartextLogin() {
    return effectiveEncryption() != ServerEncryption.FORCED;
  }
}
