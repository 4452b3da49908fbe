package io.tdstls.protocol.packet;

import java.nio.ByteBuffer;

/**
 * One TDS packet: a header and its payload.
 *
 * @param header the header; its length is {@code 8 + payload.length}
 * @param payload the bytes after the header
 */
public record Packet(PacketHeader header, byte[] payload) {

  /**
   * Checks that the header's length matches the payload.
   *
   * @param header see the record component
   * @param payload see the record component
   */
  public Packet {
    if (header.payloadLength() != payload.length) {
      throw new IllegalArgumentException(
          "header length " + header.length() + " does not match payload of " + payload.length + " bytes");
    }
  }

  /**
   * Returns the packet in wire format.
   *
   * @return header and payload
   */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(header.length());
    header.encode(b);
    b.put(payload);
    return b.array();
  }
}
