package io.tdstls.negotiation;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.PacketHeader;
import java.nio.ByteBuffer;

/**
 * Reads one received packet in place, for {@link ClientNegotiator#readPacket(PacketReader)}: the
 * payload is a view of the negotiator's input buffer, so nothing is copied or allocated per packet.
 */
@FunctionalInterface
public interface PacketReader {

  /**
   * Takes one packet.
   *
   * @param header the packet header (its EOM bit tells whether the message ends here)
   * @param payload a read-only view of the bytes after the header, valid only during the call
   * @throws TdsException to abandon the message
   */
  void read(PacketHeader header, ByteBuffer payload) throws TdsException;
}
