package io.tdstls.protocol.packet;

import io.tdstls.error.MessageTooLargeException;
import io.tdstls.error.TdsProtocolException;
import java.util.Arrays;

/**
 * Joins packets into messages: packets are collected until one carries the EOM status bit.
 *
 * <p>Enforces the limits a hostile peer could otherwise abuse: a message larger than the
 * configured maximum is rejected (the buffer grows with what arrived, never past the maximum, and
 * never by a declared length), and all packets of a message must have the same type.
 */
public final class MessageAssembler {

  /** A buffer up to this size is kept for the next message; a larger one is dropped. */
  private static final int RETAINED = 8192;

  private final int maxMessageSize;
  private byte[] buffer = new byte[0];
  private int size;
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
   * @throws TdsProtocolException if the packet's type differs from the message's first packet
   * @throws MessageTooLargeException if the message grows past the maximum size
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
    byte[] part = packet.payloadArray(); // read only: no copy
    if ((long) size + part.length > maxMessageSize) {
      reset();
      throw new MessageTooLargeException(maxMessageSize);
    }
    if (size + part.length > buffer.length) {
      int grown = (int) Math.min(maxMessageSize, Math.max(size + part.length, 2L * buffer.length));
      buffer = Arrays.copyOf(buffer, grown);
    }
    System.arraycopy(part, 0, buffer, size, part.length);
    size += part.length;
    if (!h.isEndOfMessage()) {
      return null;
    }
    TdsMessage m = new TdsMessage(type, firstStatus, Arrays.copyOf(buffer, size));
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
   * Returns how many payload bytes of an unfinished message are held (the buffer holding them is
   * at most twice as large, and never larger than the maximum message size).
   *
   * @return bytes buffered
   */
  public int bufferedBytes() {
    return size;
  }

  private void reset() {
    type = null;
    firstStatus = 0;
    size = 0;
    if (buffer.length > RETAINED) {
      buffer = new byte[0];
    }
  }
}
