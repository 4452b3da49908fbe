package io.tdstls.gateway;

/**
 * Where one relayed connection stands, from the client's PRELOGIN to the end of the session. The
 * login states mirror the backend's: the gateway waits either for the backend (an answer to relay)
 * or for the client (the next login message).
 */
enum RelayState {
  /** Nothing relayed yet. */
  START,
  /**
   * The backend connection was opened when the client's PRELOGIN arrived; the reply to the client
   * waits for the backend's PRELOGIN reply, whose options it carries.
   */
  BACKEND_PRELOGIN,
  /** The client's PRELOGIN was answered; waiting for its LOGIN7. */
  AWAIT_CLIENT_LOGIN7,
  /** LOGIN7 (or a message continuing it) was relayed; waiting for the backend's answer. */
  BACKEND_LOGIN,
  /**
   * The backend's SSPI token or FEDAUTHINFO was relayed to the client; waiting for its SSPI or
   * FEDAUTH_TOKEN message.
   */
  AWAIT_CLIENT_CONTINUATION,
  /** Logged in: every message is relayed both ways. */
  RELAYING,
  /** Ended, on either side. */
  ENDED
}
