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
 * @param emptyLogin what an empty LOGIN7 inside TDS 7.x TLS got ({@link LoginProbe}), for example
 *     {@code "error 17819: ..."}; empty when not sent
 */
public record StrictResult(StrictSupport support, boolean withAlpn, boolean withoutAlpn, String alpnSelected,
    List<TlsAttempt> versions, ServerFields serverFields, String emptyLogin) {

  /**
   * Checks the components and copies the list.
   *
   * @param support see the record component
   * @param withAlpn see the record component
   * @param withoutAlpn see the record component
   * @param alpnSelected see the record component
   * @param versions see the record component
   * @param serverFields see the record component
   * @param emptyLogin see the record component
   */
  public StrictResult {
    Objects.requireNonNull(support, "support");
    alpnSelected = alpnSelected == null ? "" : alpnSelected;
    versions = List.copyOf(versions);
    emptyLogin = emptyLogin == null ? "" : emptyLogin;
  }

  /**
   * A result without the empty-login check.
   *
   * @param support see the record component
   * @param withAlpn see the record component
   * @param withoutAlpn see the record component
   * @param alpnSelected see the record component
   * @param versions see the record component
   * @param serverFields see the record component
   */
  public StrictResult(StrictSupport support, boolean withAlpn, boolean withoutAlpn, String alpnSelected,
      List<TlsAttempt> versions, ServerFields serverFields) {
    this(support, withAlpn, withoutAlpn, alpnSelected, versions, serverFields, "");
  }

  /**
   * Returns this result after the empty-login check.
   *
   * @param verdict the support it establishes
   * @param login what the empty LOGIN7 got
   * @return the result
   */
  StrictResult withLogin(StrictSupport verdict, String login) {
    return new StrictResult(verdict, withAlpn, withoutAlpn, alpnSelected, versions, serverFields, login);
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
