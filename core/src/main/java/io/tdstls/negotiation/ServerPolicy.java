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
 * @param alpn whether a strict client must offer ALPN (one offering only other protocols is always
 *     refused)
 */
public record ServerPolicy(ServerEncryption encryption, ClientCertPolicy clientCert, StrictPolicy strict, AlpnPolicy alpn) {

  /**
   * Checks the components.
   *
   * @param encryption see the record component
   * @param clientCert see the record component
   * @param strict see the record component
   * @param alpn see the record component
   */
  public ServerPolicy {
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(clientCert, "clientCert");
    Objects.requireNonNull(strict, "strict");
    Objects.requireNonNull(alpn, "alpn");
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != StrictPolicy.DISABLED) {
      throw new IllegalArgumentException("a server without TLS cannot accept strict connections");
    }
  }

  /**
   * Creates a policy that serves strict clients offering no ALPN ({@link AlpnPolicy#OPTIONAL}).
   *
   * @param encryption see the record component
   * @param clientCert see the record component
   * @param strict see the record component
   */
  public ServerPolicy(ServerEncryption encryption, ClientCertPolicy clientCert, StrictPolicy strict) {
    this(encryption, clientCert, strict, AlpnPolicy.OPTIONAL);
  }

  /**
   * Returns this policy with another ALPN rule.
   *
   * @param rule whether strict clients must offer ALPN {@code tds/8.0}
   * @return the new policy
   */
  public ServerPolicy withAlpn(AlpnPolicy rule) {
    return new ServerPolicy(encryption, clientCert, strict, rule);
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
