package io.tdstls.probe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the strict (TDS 8.0) path does at an endpoint.
 *
 * @param support whether strict is served
 * @param withAlpn whether a TLS-first handshake offering ALPN {@code tds/8.0} completes
 * @param withoutAlpn whether a TLS-first handshake offering no ALPN completes
 * @param alpnSelected the ALPN protocol the server selected when offered {@code tds/8.0}; empty
 *     when it selected none
 * @param versions one attempt per TLS version, with ALPN offered
 * @param serverFields the PRELOGIN the server answered inside TLS, or {@code null} if none
 */
public record StrictResult(StrictSupport support, boolean withAlpn, boolean withoutAlpn, String alpnSelected,
    List<TlsAttempt> versions, ServerFields serverFields) {

  /**
   * Checks the components and copies the list.
   *
   * @param support see the record component
   * @param withAlpn see the record component
   * @param withoutAlpn see the record component
   * @param alpnSelected see the record component
   * @param versions see the record component
   * @param serverFields see the record component
   */
  public StrictResult {
    Objects.requireNonNull(support, "support");
    alpnSelected = alpnSelected == null ? "" : alpnSelected;
    versions = List.copyOf(versions);
  }

  /**
   * Returns the server's PRELOGIN fields read inside strict TLS.
   *
   * @return the fields, or empty
   */
  public Optional<ServerFields> fields() {
    return Optional.ofNullable(serverFields);
  }
}
