package io.tdstls.protocol.packet;

import io.tdstls.error.TdsProtocolException;
import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into TDS packets. Bytes arrive in pieces of any size (a header may be split
 * across reads); {@link #next(ByteBuffer)} returns each packet once all of its bytes are in.
 *
 * <p>Never buffers more than one packet: a header whose length exceeds the current maximum packet
 * size is rejected as soon as the header is complete.
 */
public final class PacketFramer {

  private int maxPacketSize;
  private final ByteBuffer headerBuf = ByteBuffer.allocate(PacketHeader.SIZE);
  private PacketHeader header;
  private byte[] payload;
  private int payloadFilled;

  /**
   * Creates a framer.
   *
   * @param maxPacketSize the largest packet accepted, header included (4096 before login)
   */
  public PacketFramer(int maxPacketSize) {
    setMaxPacketSize(maxPacketSize);
  }

  /**
   * Changes the largest packet accepted, for example after LOGINACK negotiated a packet size.
   *
   * @param maxPacketSize 512..65535
   */
  public void setMaxPacketSize(int maxPacketSize) {
    if (maxPacketSize < 512 || maxPacketSize > PacketHeader.MAX_LENGTH) {
      throw new IllegalArgumentException("maxPacketSize must be 512..65535, was " + maxPacketSize);
    }
    this.maxPacketSize = maxPacketSize;
  }

  /**
   * Returns the largest packet accepted.
   *
   * @return the maximum packet size in bytes
   */
  public int maxPacketSize() {
    return maxPacketSize;
  }

  /**
   * Consumes bytes from {@code in} until one packet is complete or {@code in} is empty.
   *
   * @param in bytes from the peer; its position advances past the bytes consumed
   * @return the complete packet, or {@code null} if more bytes are needed
   * @throws TdsProtocolException if a header is malformed or announces a packet larger than the
   *     maximum packet size
   */
  public Packet next(ByteBuffer in) throws TdsProtocolException {
    if (header == null) {
      while (headerBuf.hasRemaining() && in.hasRemaining()) {
        headerBuf.put(in.get());
      }
      if (headerBuf.hasRemaining()) {
        return null;
      }
      headerBuf.flip();
      PacketHeader h = PacketHeader.decode(headerBuf);
      headerBuf.clear();
      if (h.length() > maxPacketSize) {
        throw new TdsProtocolException(
            "packet header",
            "length " + h.length() + " exceeds the packet size " + maxPacketSize,
            2);
      }
      header = h;
      payload = new byte[h.payloadLength()];
      payloadFilled = 0;
    }
    int n = Math.min(in.remaining(), payload.length - payloadFilled);
    in.get(payload, payloadFilled, n);
    payloadFilled += n;
    if (payloadFilled < payload.length) {
      return null;
    }
    Packet p = Packet.adopting(header, payload); // the array was filled here: no copy
    header = null;
    payload = null;
    return p;
  }

  /**
   * Tells whether part of a packet has been consumed but not yet returned.
   *
   * @return whether bytes are buffered
   */
  public boolean hasPartialPacket() {
    return header != null || headerBuf.position() > 0;
  }

  /**
   * Returns how many bytes are held for the packet in progress (its whole payload buffer once the
   * header is in).
   *
   * @return bytes buffered
   */
  public int bufferedBytes() {
    return header == null ? headerBuf.position() : PacketHeader.SIZE + payload.length;
  }
}
