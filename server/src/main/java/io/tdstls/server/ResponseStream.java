package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.PacketType;

/**
 * One response message produced piece by piece, for a result too large to build in memory. The
 * server asks for the next piece only when the connection can take more (Netty's write buffer is
 * below its high-water mark), so memory stays bounded by a few pieces whatever the response size.
 *
 * <p>Pieces are arbitrary slices of the message payload (token boundaries need not match piece
 * boundaries); the server cuts them into full packets and sets EOM on the last one.
 */
public interface ResponseStream {

  /**
   * Returns the type of the message.
   *
   * @return the type, {@link PacketType#TABULAR_RESULT} unless overridden
   */
  default PacketType type() {
    return PacketType.TABULAR_RESULT;
  }

  /**
   * Produces the next piece of the payload.
   *
   * @return the next bytes, or {@code null} when the message is complete
   * @throws TdsException if the response cannot be produced (the connection is then closed)
   */
  byte[] next() throws TdsException;
}
