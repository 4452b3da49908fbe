package io.tdstls.probe;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a server answered to one raw ClientHello.
 *
 * @param kind how it answered
 * @param version the version it chose (null unless a hello)
 * @param suite the suite code it chose (-1 unless a hello)
 * @param group the group of the key exchange: from the key_share (TLS 1.3) or the
 *     ServerKeyExchange (ECDHE); null when none or unknown
 * @param dhBits the size of the DH prime of a DHE ServerKeyExchange, 0 if none
 * @param secureRenegotiation whether the ServerHello carries renegotiation_info (RFC 5746)
 * @param chain the certificates of a TLS 1.2-or-earlier Certificate message (sent in clear), leaf first
 * @param alert the alert description when {@code kind} is ALERT, else -1
 * @param detail a human explanation for anything but a hello
 */
record HelloReply(Kind kind, WireVersion version, int suite, NamedGroup group, int dhBits, boolean secureRenegotiation,
    List<X509Certificate> chain, int alert, String detail) {

  /** The alert a server sends to a fallback it detects (RFC 7507). */
  static final int INAPPROPRIATE_FALLBACK = 86;

  /** How a server answered. */
  enum Kind {
    /** A ServerHello. */
    HELLO,
    /** A HelloRetryRequest (TLS 1.3): a version, suite and group, without keys. */
    RETRY,
    /** A TLS alert. */
    ALERT,
    /** The connection closed or was reset without an alert. */
    CLOSED,
    /** Nothing within the timeout. */
    TIMEOUT,
    /** Bytes that are not TLS records, or a TDS refusal before TLS. */
    NOT_TLS
  }

  HelloReply {
    chain = List.copyOf(chain);
  }

  static HelloReply failure(Kind kind, int alert, String detail) {
    return new HelloReply(kind, null, -1, null, 0, false, List.of(), alert, detail);
  }

  /** @return whether the server chose a version and suite (a ServerHello or HelloRetryRequest) */
  boolean chose() {
    return kind == Kind.HELLO || kind == Kind.RETRY;
  }
}
