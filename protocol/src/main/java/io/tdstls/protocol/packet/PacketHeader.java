package io.tdstls.protocol.packet;

import io.tdstls.error.TdsProtocolException;
import java.nio.ByteBuffer;

/**
 * The 8-byte TDS packet header ([MS-TDS] 2.2.3.1): type, status, length (big-endian, header
 * included), SPID (big-endian), packet id and window.
 *
 * @param type the packet type
 * @param status the status byte (a combination of {@link PacketStatus} bits; unknown bits kept)
 * @param length the packet length including this header, 8..65535
 * @param spid the server process id (0 from clients before login)
 * @param packetId the packet number, incremented per packet modulo 256
 * @param window unused; always 0 when sent
 */
public record PacketHeader(PacketType type, int status, int length, int spid, int packetId, int window) {

  /** The size of a packet header in bytes. */
  public static final int SIZE = 8;

  /** The largest packet length the 16-bit length field can express. */
  public static final int MAX_LENGTH = 0xFFFF;

  /**
   * Validates the fields.
   *
   * @param type see the record component
   * @param status see the record component
   * @param length see the record component
   * @param spid see the record component
   * @param packetId see the record component
   * @param window see the record component
   */
  public PacketHeader {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    checkRange("status", status, 0xFF);
    checkRange("spid", spid, 0xFFFF);
    checkRange("packetId", packetId, 0xFF);
    checkRange("window", window, 0xFF);
    if (length < SIZE || length > MAX_LENGTH) {
      throw new IllegalArgumentException("length must be 8..65535, was " + length);
    }
  }

  private static void checkRange(String name, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + " must be 0.." + max + ", was " + value);
    }
  }

  /**
   * Tells whether this is the last packet of its message.
   *
   * @return whether the EOM bit is set
   */
  public boolean isEndOfMessage() {
    return PacketStatus.END_OF_MESSAGE.isSetIn(status);
  }

  /**
   * Returns the number of payload bytes that follow the header.
   *
   * @return {@code length - 8}
   */
  public int payloadLength() {
    return length - SIZE;
  }

  /**
   * Writes the header in wire format.
   *
   * @param out the buffer to write 8 bytes to
   */
  public void encode(ByteBuffer out) {
    out.put((byte) type.code());
    out.put((byte) status);
    out.putShort((short) length);
    out.putShort((short) spid);
    out.put((byte) packetId);
    out.put((byte) window);
  }

  /**
   * Returns the header in wire format.
   *
   * @return 8 bytes
   */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    encode(b);
    return b.array();
  }

  /**
   * Reads a header from 8 bytes.
   *
   * @param in a buffer with at least 8 remaining bytes; its position advances by 8
   * @return the header
   * @throws TdsProtocolException if fewer than 8 bytes remain, the type is unknown, or the length
   *     is below 8
   */
  public static PacketHeader decode(ByteBuffer in) throws TdsProtocolException {
    if (in.remaining() < SIZE) {
      throw new TdsProtocolException(
          "packet header", "truncated: " + in.remaining() + " of 8 bytes", in.remaining());
    }
    int start = in.position();
    PacketType type = PacketType.fromCode(in.get(start) & 0xFF);
    int status = in.get(start + 1) & 0xFF;
    int length = in.getShort(start + 2) & 0xFFFF;
    if (length < SIZE) {
      throw new TdsProtocolException("packet header", "length " + length + " is shorter than the header", 2);
    }
    int spid = in.getShort(start + 4) & 0xFFFF;
    int packetId = in.get(start + 6) & 0xFF;
    int window = in.get(start + 7) & 0xFF;
    in.position(start + SIZE);
    return new PacketHeader(type, status, length, spid, packetId, window);
  }
}
