package io.tdstls.client;

import io.tdstls.error.TdsException;
import java.nio.ByteBuffer;

/**
 * Receives a response packet by packet, as it arrives, for {@link
 * TdsSession#executeStreaming(String, ResponseSink)}: nothing of the response is held once a packet
 * has been handed over.
 *
 * <p>The payloads, concatenated, are the response's token stream; packet boundaries fall anywhere,
 * also inside a token.
 */
@FunctionalInterface
public interface ResponseSink {

  /**
   * Takes one packet's payload.
   *
   * @param payload the bytes after the packet header (the sink may keep the array)
   * @param last whether this packet ends the response (EOM)
   * @throws TdsException to abandon the response (the session is then closed)
   */
  void accept(byte[] payload, boolean last) throws TdsException;

  /**
   * Takes one packet's payload without a copy. Override this method instead of the other to read
   * the bytes in place; the default copies them into an array for {@link #accept(byte[], boolean)}.
   *
   * @param payload a read-only view of the bytes after the packet header, valid only during the call
   * @param last whether this packet ends the response (EOM)
   * @throws TdsException to abandon the response (the session is then closed)
   */
  default void accept(ByteBuffer payload, boolean last) throws TdsException {
    byte[] copy = new byte[payload.remaining()];
    payload.get(copy);
    accept(copy, last);
  }
}
