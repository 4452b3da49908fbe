package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.TdsMessage;
import java.util.List;

/**
 * A {@link SessionHandler} that answers asynchronously, for example by relaying the session to
 * another server (the gateway). Instead of returning answers, it is given a {@link ClientLink} with
 * LOGIN7 and sends through it whenever its answers arrive; every later message from the client is
 * handed to {@link #relayRequest(TdsMessage)}. All calls happen on the connection's event loop.
 */
public interface RelaySessionHandler extends SessionHandler {

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
