package io.tdstls.negotiation;

/**
 * How a server treats ALPN on the strict (TDS 8.0) path. Whatever the policy, a client that offers
 * ALPN without {@code tds/8.0} (only {@code h2}, say) is refused with the TLS alert {@code
 * no_application_protocol}, as RFC 7301 section 3.2 says; the policy decides what happens to a
 * client that offers no ALPN at all.
 */
public enum AlpnPolicy {
  /** A client offering no ALPN is served (today's clients often omit it): the default. */
  OPTIONAL,
  /** A client offering no ALPN is refused with {@code no_application_protocol} too. */
  REQUIRED
}
