package io.tdstls.negotiation;

/**
 * The states of a TDS client connection, named after the client states of [MS-TDS] 3.2.5 (seed
 * 003), plus the TLS-first handshake of TDS 8.0.
 */
public enum ClientState {
  /** Created; nothing sent yet. */
  START,
  /** TDS 8.0 strict: the TLS handshake runs before any TDS byte. */
  STRICT_TLS_HANDSHAKE,
  /** "Sent Initial PRELOGIN Packet": waiting for the server's PRELOGIN response. */
  SENT_PRELOGIN,
  /** "Sent TLS/SSL Negotiation Packet": the TLS handshake travels inside PRELOGIN packets. */
  SENT_TLS_NEGOTIATION,
  /**
   * Encryption negotiated, LOGIN7 not sent yet: a negotiator created without a LOGIN7 source (a
   * relay, whose client's LOGIN7 comes later) waits here for {@link
   * ClientNegotiator#sendLogin7(LoginMethod, byte[])}.
   */
  NEGOTIATED,
  /**
   * "Sent LOGIN7 record with Complete Authentication Token" (SQL password, or a FEDAUTH security
   * token): waiting for LOGINACK.
   */
  SENT_LOGIN7,
  /**
   * "Sent LOGIN7 record with SPNEGO packet": SSPI messages (packet type 0x11) answer the server's
   * SSPI tokens until LOGINACK.
   */
  SENT_LOGIN7_SPNEGO,
  /**
   * "Sent LOGIN7 record with Federated Authentication Information Request": waiting for
   * FEDAUTHINFO, then a FEDAUTH_TOKEN message (packet type 0x08) answers it.
   */
  SENT_LOGIN7_FEDAUTH_INFO_REQUEST,
  /** "Logged In": requests and responses flow. */
  LOGGED_IN,
  /** "Final": an error occurred; the client closes the transport and reports it. Terminal. */
  FINAL
}
