package io.tdstls.negotiation;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.prelogin.PreLogin;
import java.util.Optional;

/**
 * What a connection's negotiation settled: the outcome, both PRELOGIN messages, and the TLS facts.
 *
 * @param outcome none, login-only, full or strict
 * @param clientPreLogin the PRELOGIN the client sent
 * @param serverPreLogin the PRELOGIN the server answered
 * @param tls the TLS facts, or {@code null} when no TLS was negotiated
 */
public record NegotiatedSecurity(Outcome outcome, PreLogin clientPreLogin, PreLogin serverPreLogin, TlsInfo tls) {

  /**
   * Returns the TLS facts.
   *
   * @return the facts, or empty when no TLS was negotiated
   */
  public Optional<TlsInfo> tlsInfo() {
    return Optional.ofNullable(tls);
  }
}
