package io.tdstls.client;

import io.tdstls.error.TdsException;

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
}
