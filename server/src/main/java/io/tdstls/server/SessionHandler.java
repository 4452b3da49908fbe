package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.TdsMessage;
import java.util.List;

/**
 * Answers one connection's LOGIN7 and requests, once the encryption negotiation is done. A new
 * handler is created for each connection, so it may keep session state (database, user).
 */
public interface SessionHandler {

  /**
   * Answers LOGIN7.
   *
   * @param login7 the LOGIN7 message, already decrypted
   * @param connection the connection and what it negotiated
   * @return the login response and whether the login is accepted
   * @throws TdsException if the message is malformed (the connection is then closed)
   */
  LoginAnswer login(TdsMessage login7, ConnectionInfo connection) throws TdsException;

  /**
   * Answers a request (SQL batch, RPC, attention...).
   *
   * @param request the request message
   * @param connection the connection and what it negotiated
   * @return the response messages, in order
   * @throws TdsException if the message is malformed (the connection is then closed)
   */
  List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException;
}
