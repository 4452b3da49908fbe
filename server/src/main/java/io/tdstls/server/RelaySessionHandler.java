package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import java.util.List;

/**
 * A {@link SessionHandler} that answers asynchronously, for example by relaying the session to
 * another server (the gateway). Instead of returning answers, it is given a {@link ClientLink} with
 * LOGIN7 and sends through it whenever its answers arrive; every later message from the client is
 * handed to {@link #relayRequest(TdsMessage)}. All calls happen on the connection's event loop.
 *
 * <p>The order of calls: {@link #relayPreLogin} (only when {@link #backendKnownAtPrelogin()} and the
 * client sent a PRELOGIN), {@link #relayLogin}, then {@link #relayLoginContinuation} for each SSPI
 * or FEDAUTH_TOKEN message the client sends after the handler answered with {@link
 * ClientLink#awaitLoginContinuation()}, then {@link #relayRequest} once the login was accepted.
 */
public interface RelaySessionHandler extends SessionHandler {

  /**
   * Tells whether the handler can open its backend connection when the client's PRELOGIN arrives
   * (it knows where to relay before LOGIN7). When it can, the server defers its PRELOGIN reply
   * and calls {@link #relayPreLogin}; when not (the route depends on LOGIN7 fields), the server
   * answers PRELOGIN itself and the handler connects at {@link #relayLogin}.
   *
   * @return {@code false} by default
   */
  default boolean backendKnownAtPrelogin() {
    return false;
  }

  /**
   * Takes the client's PRELOGIN (only when {@link #backendKnownAtPrelogin()}); the server's reply
   * waits until the handler calls {@link ClientLink#answerPreLogin(PreLogin)}.
   *
   * @param clientPreLogin the client's options
   * @param link the client connection
   * @throws TdsException if the handler cannot go on (the connection is then closed)
   */
  default void relayPreLogin(PreLogin clientPreLogin, ClientLink link) throws TdsException {
    link.answerPreLogin(null);
  }

  /**
   * Takes an SSPI (0x11) or FEDAUTH_TOKEN (0x08) message that continues the login, after the
   * handler relayed a challenge and called {@link ClientLink#awaitLoginContinuation()}.
   *
   * @param message the message, already decrypted
   * @throws TdsException if the message cannot be relayed (the connection is then closed)
   */
  default void relayLoginContinuation(TdsMessage message) throws TdsException {
    throw new TdsProtocolException("login", "this relay does not take " + message.type() + " messages during login", 0);
  }

  /**
   * Starts answering LOGIN7; the handler later calls {@link ClientLink#loginAccepted(int)} or
   * {@link ClientLink#close(String)}.
   *
   * @param login7 the LOGIN7 message, already decrypted
   * @param link the client connection
   * @throws TdsException if the message is malformed (the connection is then closed)
   */
  void relayLogin(TdsMessage login7, ClientLink link) throws TdsException;

  /**
   * Takes a message from the client, once the login was accepted.
   *
   * @param request the message (SQL batch, RPC, attention, transaction manager, bulk load...)
   * @throws TdsException if the message cannot be handled (the connection is then closed)
   */
  void relayRequest(TdsMessage request) throws TdsException;

  /** Tells that the client connection can take more bytes again (its write buffer drained). */
  default void clientWritable() {}

  /**
   * Tells that the client connection is closed.
   *
   * @param reason why, as logged by the server
   */
  default void clientClosed(String reason) {}

  /**
   * Tells that the client connection is closed, with what it had negotiated: called instead of
   * {@link #clientClosed(String)} by the server, also when the connection ends before anything
   * reached the handler (a failed TLS handshake, a refused PRELOGIN), so that it can record it.
   *
   * @param reason why, as logged by the server
   * @param connection the connection; its negotiated security is {@code null} if the negotiation
   *     did not finish
   */
  default void clientClosed(String reason, ConnectionInfo connection) {
    clientClosed(reason);
  }

  /** Not used: a relaying handler answers through {@link #relayLogin}. */
  @Override
  default LoginAnswer login(TdsMessage login7, ConnectionInfo connection) {
    throw new UnsupportedOperationException("a relaying handler answers LOGIN7 through relayLogin");
  }

  /** Not used: a relaying handler answers through {@link ClientLink}. */
  @Override
  default List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) {
    throw new UnsupportedOperationException("a relaying handler takes requests through relayRequest");
  }
}
