package io.tdstls.negotiation;

/** The states of a TDS server connection ([MS-TDS] 3.3.5). */
public enum ServerState {
  /** Nothing received: the first byte tells TDS 7.x (0x12), strict (0x16) and legacy LOGIN7 (0x10) apart. */
  AWAIT_FIRST_BYTE,
  /** TDS 8.0 strict: the TLS handshake runs before any TDS byte. */
  STRICT_TLS_HANDSHAKE,
  /** Waiting for the client's PRELOGIN (in clear for TDS 7.x, inside TLS for strict). */
  AWAIT_PRELOGIN,
  /**
   * The client's PRELOGIN is in, and its reply is deferred ({@link
   * ServerNegotiator#deferPreLoginReply()}): a relay waits for its backend's PRELOGIN reply and
   * then answers with {@link ServerNegotiator#answerPreLogin}.
   */
  AWAIT_PRELOGIN_REPLY,
  /** TDS 7.x: the TLS handshake travels inside PRELOGIN packets. */
  TLS_NEGOTIATION,
  /** Waiting for LOGIN7 (first packet in TLS for login-only, all in TLS for full and strict). */
  AWAIT_LOGIN7,
  /**
   * LOGIN7 handed to the caller, which answers it; also an SSPI (0x11) or FEDAUTH_TOKEN (0x08)
   * message continuing that login.
   */
  LOGIN7_RECEIVED,
  /**
   * The caller answered LOGIN7 with an SSPI challenge or FEDAUTHINFO: waiting for the client's
   * SSPI or FEDAUTH_TOKEN message.
   */
  AWAIT_LOGIN_CONTINUATION,
  /** Logged in: requests and responses flow. */
  LOGGED_IN,
  /** Closed: an error, a refusal by policy, or a close decided by the encryption table. Terminal. */
  FINAL
}
