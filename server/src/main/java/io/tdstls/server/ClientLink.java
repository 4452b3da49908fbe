package io.tdstls.server;

import io.netty.channel.Channel;
import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;

/**
 * The client side of a relayed connection, as seen by a {@link RelaySessionHandler}: sends
 * messages through the connection's negotiated security, and ends the login phase. Use it only on
 * the connection's event loop ({@link #channel()}{@code .eventLoop()}).
 */
public interface ClientLink {

  /**
   * Returns the client's channel (for its event loop, writability and auto-read).
   *
   * @return the channel
   */
  Channel channel();

  /**
   * Returns the connection and what it negotiated.
   *
   * @return the connection facts
   */
  ConnectionInfo info();

  /**
   * Sends a whole message to the client, split into packets of the current packet size.
   *
   * @param message the message
   * @throws TdsException if the connection has failed
   */
  void send(TdsMessage message) throws TdsException;

  /**
   * Queues one piece of a message (only after {@link #loginAccepted(int)}); see {@link
   * io.tdstls.negotiation.ServerNegotiator#sendPart}. The bytes go out at the next {@link #flush()}
   * (or with the next {@link #send}, or {@link #close}), so that the pieces of one read from the
   * backend leave in one write.
   *
   * @param type the message type
   * @param piece the payload bytes
   * @param endOfMessage whether this piece ends the message
   * @throws TdsException if the connection has failed
   */
  void sendPart(PacketType type, byte[] piece, boolean endOfMessage) throws TdsException;

  /** Writes out the pieces queued by {@link #sendPart} since the last flush. */
  void flush();

  /**
   * Sends the deferred reply to the client's PRELOGIN (after {@link
   * RelaySessionHandler#relayPreLogin}): the given options with the ENCRYPTION byte of this
   * server's policy; the negotiation with the client then goes on.
   *
   * @param options the options to answer with (a backend's PRELOGIN reply), or {@code null} for
   *     the server's own
   */
  void answerPreLogin(PreLogin options);

  /**
   * Waits for the client's next login message, after the handler sent it a challenge (an SSPI
   * token or FEDAUTHINFO): the message goes to {@link
   * RelaySessionHandler#relayLoginContinuation(TdsMessage)}.
   */
  void awaitLoginContinuation();

  /**
   * Records that the login succeeded (the login response was sent), stops the login timer, and
   * hands every later client message to {@link RelaySessionHandler#relayRequest(TdsMessage)}.
   *
   * @param packetSize the packet size used towards the client from now on
   */
  void loginAccepted(int packetSize);

  /**
   * Closes the connection after what was sent is flushed, logging the reason.
   *
   * @param reason why, for the server's log
   */
  void close(String reason);
}
