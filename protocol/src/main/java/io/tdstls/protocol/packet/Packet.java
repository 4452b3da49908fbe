package io.tdstls.protocol.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One TDS packet: a header and its payload. Immutable: the payload is copied in and out, and two
 * packets are equal when their headers and payload bytes are.
 *
 * @param header the header; its length is {@code 8 + payload.length}
 * @param payload the bytes after the header
 */
public record Packet(PacketHeader header, byte[] payload) {

  /**
   * Checks that the header's length matches the payload, and copies the payload.
   *
   * @param header see the record component
   * @param payload see the record component
   */
  public Packet {
    if (header == null || payload == null) {
      throw new IllegalArgumentException("header and payload must not be null");
    }
    if (header.payloadLength() != payload.length) {
      throw new IllegalArgumentException(
          "header length " + header.length() + " does not match payload of " + payload.length + " bytes");
    }
    payload = payload.clone();
  }

  /**
   * Returns the bytes after the header.
   *
   * @return a copy of the payload
   */
  @Override
  public byte[] payload() {
    return payload.clone();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Packet p && header.equals(p.header) && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return header.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Packet[" + header + ", payload=" + TdsMessage.hexPreview(payload) + "]";
  }
}
