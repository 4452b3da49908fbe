package io.tdstls.protocol.packet;

import io.tdstls.error.TdsProtocolException;
import java.io.ByteArrayOutputStream;

/**
 * Joins packets into messages: packets are collected until one carries the EOM status bit.
 *
 * <p>Enforces the limits a hostile peer could otherwise abuse: a message larger than the
 * configured maximum is rejected (nothing is buffered without bound), and all packets of a message
 * must have the same type.
 */
public final class MessageAssembler {

  private final int maxMessageSize;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private PacketType type;
  private int firstStatus;

  /**
   * Creates an assembler.
   *
   * @param maxMessageSize the largest message accepted, in payload bytes
   */
  public MessageAssembler(int maxMessageSize) {
    if (maxMessageSize <= 0) {
      throw new IllegalArgumentException("maxMessageSize must be positive, was " + maxMessageSize);
    }
    this.maxMessageSize = maxMessageSize;
  }

  /**
   * Adds a packet.
   *
   * @param packet the next packet from the peer
   * @return the whole message if this packet ends it, else {@code null}
   * @throws TdsProtocolException if the packet's type differs from the message's first packet, or
   *     the message grows past the maximum size
   */
  public TdsMessage add(Packet packet) throws TdsProtocolException {
    PacketHeader h = packet.header();
    if (type == null) {
      type = h.type();
      firstStatus = h.status() & ~PacketStatus.END_OF_MESSAGE.bit();
    } else if (h.type() != type) {
      PacketType expected = type;
      reset();
      throw new TdsProtocolException(
          "message", "packet type changed from " + expected + " to " + h.type() + " before the end of the message", -1);
    }
    byte[] part = packet.payload();
    if ((long) buffer.size() + part.length > maxMessageSize) {
      reset();
      throw new TdsProtocolException(
          "message", "larger than the maximum message size of " + maxMessageSize + " bytes", -1);
    }
    buffer.write(part, 0, part.length);
    if (!h.isEndOfMessage()) {
      return null;
    }
    TdsMessage m = new TdsMessage(type, firstStatus, buffer.toByteArray());
    reset();
    return m;
  }

  /**
   * Tells whether packets of an unfinished message are held.
   *
   * @return whether a message is in progress
   */
  public boolean inProgress() {
    return type != null;
  }

  /**
   * Returns how many payload bytes of an unfinished message are held.
   *
   * @return bytes buffered
   */
  public int bufferedBytes() {
    return buffer.size();
  }

  private void reset() {
    type = null;
    firstStatus = 0;
    buffer.reset();
  }
}
