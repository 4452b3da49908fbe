package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.TdsMessage;

/**
 * A {@link SessionHandler} that may answer a request with a {@link ResponseStream} instead of a
 * list of whole messages, so that a large result is sent without being built in memory.
 *
 * <p>For each request the server first calls {@link #stream(TdsMessage, ConnectionInfo)}; if it
 * returns {@code null}, the request is answered through {@link #request(TdsMessage,
 * ConnectionInfo)} as usual. Requests that arrive while a stream is being sent wait until it ends.
 */
public interface StreamingSessionHandler extends SessionHandler {

  /**
   * Offers to answer a request with a stream.
   *
   * @param request the request message
   * @param connection the connection and what it negotiated
   * @return the response stream, or {@code null} to answer through {@code request}
   * @throws TdsException if the message is malformed (the connection is then closed)
   */
  ResponseStream stream(TdsMessage request, ConnectionInfo connection) throws TdsException;
}
