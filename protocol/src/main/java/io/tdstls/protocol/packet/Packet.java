package io.tdstls.protocol.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One TDS packet: a header and its payload. Immutable: the payload is copied in by the
 * constructor and out by {@link #payload()}, or read without a copy through the read-only {@link
 * #payloadBuffer()}; two packets are equal when their headers and payload bytes are.
 */
public final class Packet {

  private final PacketHeader header;
  private final byte[] payload;

  /**
   * Checks that the header's length matches the payload, and copies the payload.
   *
   * @param header the header; its length is {@code 8 + payload.length}
   * @param payload the bytes after the header
   */
  public Packet(PacketHeader header, byte[] payload) {
    this(header, payload == null ? null : payload.clone(), true);
  }

  private Packet(PacketHeader header, byte[] payload, boolean checked) {
    if (header == null || payload == null) {
      throw new IllegalArgumentException("header and payload must not be null");
    }
    if (header.payloadLength() != payload.length) {
      throw new IllegalArgumentException(
          "header length " + header.length() + " does not match payload of " + payload.length + " bytes");
    }
    this.header = header;
    this.payload = payload;
  }

  /**
   * Creates a packet that takes over a freshly filled array instead of copying it, for a framer
   * that has just read the payload from the wire. The caller must not touch the array afterwards.
   *
   * @param header the header; its length is {@code 8 + payload.length}
   * @param payload the bytes after the header, handed over
   * @return the packet
   */
  public static Packet adopting(PacketHeader header, byte[] payload) {
    return new Packet(header, payload, true);
  }

  /**
   * Returns the header.
   *
   * @return the header
   */
  public PacketHeader header() {
    return header;
  }

  /**
   * Returns the bytes after the header.
   *
   * @return a copy of the payload
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Returns the bytes after the header without copying them.
   *
   * @return a read-only view of the payload, positioned at its start
   */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** The payload itself, for the assembler in this package (which only reads it). */
  byte[] payloadArray() {
    return payload;
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
