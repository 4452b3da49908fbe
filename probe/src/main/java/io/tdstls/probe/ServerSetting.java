package io.tdstls.probe;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.util.Locale;
import java.util.Objects;

/**
 * A server configuration of the TDS 7.x ENCRYPTION table: its encryption setting and how it treats
 * the CLIENT_CERT flag.
 *
 * @param encryption available, forced or not supported
 * @param clientCert MS-TDS rules, or Babelfish's close on CLIENT_CERT
 */
public record ServerSetting(ServerEncryption encryption, ClientCertPolicy clientCert) {

  /**
   * Checks the components.
   *
   * @param encryption see the record component
   * @param clientCert see the record component
   */
  public ServerSetting {
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(clientCert, "clientCert");
  }

  /**
   * Returns the setting as shown in reports.
   *
   * @return for example {@code "forced/ms_tds"}
   */
  @Override
  public String toString() {
    return (encryption + "/" + clientCert).toLowerCase(Locale.ROOT);
  }
}
