package io.tdstls.negotiation;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import java.nio.ByteBuffer;

/**
 * The received bytes of a message delivered packet by packet: packets stay where they were copied
 * in and are read in place ({@link #read(PacketReader)}). Headers are checked as the bytes arrive,
 * so a bad header fails the receive that brought it, as with whole-message delivery. Only an
 * incomplete packet at the end is moved, to the front, when more room is needed.
 *
 * <p>The buffer is held only while it holds unread bytes: once every byte received has been read,
 * it goes to the current thread's spare slot ({@link #SPARE}, one buffer of at most {@link
 * #SPARE_LIMIT} bytes per thread) and the next {@link #append} takes it back, so an idle
 * connection holds none, and a thread that serves many connections (an event loop) reuses one.
 */
final class InboundPackets {

  /** The largest buffer kept in a thread's spare slot; a larger one is left to the collector. */
  static final int SPARE_LIMIT = 1 << 20;
  private static final ThreadLocal<Spare> SPARE = ThreadLocal.withInitial(Spare::new);

  /** A thread's spare buffer with its read-only view: taking and giving it back allocates nothing. */
  private static final class Spare {
    ByteBuffer buf;
    ByteBuffer view;
  }

  private final int maxPacketSize;
  private final int initialCapacity;
  /** {@code null} while no unread byte is held. */
  private ByteBuffer buf;
  private ByteBuffer view;
  /** Where the next unread packet starts. */
  private int read;
  /** Where the first packet not yet complete starts: packets before it are checked and whole. */
  private int scanned;
  /** Whether the packet that ends {@code scanned} carries EOM: what follows belongs to the next message. */
  private boolean ended;
  /** A bad header found by {@link #poll()} (which cannot throw it), thrown by the next call that can. */
  private TdsProtocolException deferred;

  InboundPackets(int maxPacketSize) {
    this.maxPacketSize = maxPacketSize;
    this.initialCapacity = Math.max(65536, 2 * maxPacketSize);
  }

  private void acquire() {
    Spare spare = SPARE.get();
    if (spare.buf != null && spare.buf.capacity() >= initialCapacity) {
      buf = spare.buf;
      view = spare.view;
      spare.buf = null;
      spare.view = null;
    } else {
      buf = ByteBuffer.allocate(initialCapacity);
      view = buf.asReadOnlyBuffer();
    }
    buf.clear();
    read = 0;
    scanned = 0;
  }

  /** After the last received byte was read: the buffer goes to the thread's spare slot. */
  private void releaseIfDrained() {
    if (buf == null || read != buf.position() || deferred != null) {
      return;
    }
    if (buf.capacity() <= SPARE_LIMIT) {
      Spare spare = SPARE.get();
      if (spare.buf == null || spare.buf.capacity() < buf.capacity()) {
        spare.buf = buf;
        spare.view = view;
      }
    }
    buf = null;
    view = null;
    read = 0;
    scanned = 0;
  }

  /** Bytes of buffer this instance holds now (0 when every received byte has been read). */
  int heldCapacity() {
    return buf == null ? 0 : buf.capacity();
  }

  /** Appends received bytes and checks the headers of the packets they complete. */
  void append(ByteBuffer in) throws TdsProtocolException {
    if (deferred != null) {
      throw deferred;
    }
    if (!in.hasRemaining()) {
      return;
    }
    if (buf == null) {
      acquire();
    } else if (read == buf.position()) {
      buf.clear();
      read = 0;
      scanned = 0;
    }
    if (buf.remaining() < in.remaining()) {
      makeRoom(in.remaining());
    }
    buf.put(in);
    scan();
  }

  /** Checks the headers of complete packets after {@code scanned}, up to the end of the message. */
  private void scan() throws TdsProtocolException {
    if (deferred != null) {
      throw deferred;
    }
    byte[] b = buf.array();
    while (!ended && buf.position() - scanned >= PacketHeader.SIZE) {
      // the checks of PacketHeader.decode, without a header object per packet
      PacketType.fromCode(b[scanned] & 0xFF);
      int length = ((b[scanned + 2] & 0xFF) << 8) | (b[scanned + 3] & 0xFF);
      if (length < PacketHeader.SIZE) {
        throw new TdsProtocolException("packet header", "length " + length + " is shorter than the header", 2);
      }
      if (length > maxPacketSize) {
        throw new TdsProtocolException("packet header", "length " + length + " exceeds the packet size " + maxPacketSize, 2);
      }
      if (buf.position() - scanned < length) {
        return;
      }
      ended = (b[scanned + 1] & PacketStatus.END_OF_MESSAGE.bit()) != 0;
      scanned += length;
    }
  }

  /** After the EOM packet has been read: the following bytes are the next message's, check them too. */
  private void nextMessage() throws TdsProtocolException {
    if (ended && read == scanned) {
      ended = false;
      scan();
    }
  }

  private void makeRoom(int needed) {
    int unread = buf.position() - read;
    ByteBuffer target = unread + needed <= buf.capacity() ? buf
        : ByteBuffer.allocate(Math.max(unread + needed, buf.capacity() * 2));
    System.arraycopy(buf.array(), read, target.array(), 0, unread); // overlapping moves are safe
    if (target != buf) {
      buf = target;
      view = buf.asReadOnlyBuffer();
    }
    buf.clear().position(unread);
    scanned -= read;
    read = 0;
  }

  private PacketHeader headerAt(int at) throws TdsProtocolException {
    view.limit(buf.position()).position(at);
    return PacketHeader.decode(view);
  }

  /** Hands the next complete packet to {@code reader}; false if there is none. */
  boolean read(PacketReader reader) throws TdsException {
    if (deferred != null) {
      throw deferred;
    }
    if (read >= scanned) {
      return false;
    }
    PacketHeader h = headerAt(read);
    int start = read + PacketHeader.SIZE;
    read += h.length();
    view.limit(read).position(start);
    reader.read(h, view);
    nextMessage();
    releaseIfDrained();
    return true;
  }

  /** The next complete packet as a copy, or {@code null}. */
  Packet poll() {
    if (read >= scanned) {
      return null;
    }
    view.limit(buf.position()).position(read);
    PacketHeader h;
    try {
      h = PacketHeader.decode(view);
    } catch (TdsProtocolException e) {
      throw new IllegalStateException("a header checked on arrival no longer decodes", e);
    }
    byte[] payload = new byte[h.payloadLength()];
    view.get(payload);
    read += h.length();
    try {
      nextMessage();
    } catch (TdsProtocolException e) {
      deferred = e;
    }
    releaseIfDrained();
    return Packet.adopting(h, payload);
  }

  /** Whether complete packets wait to be read. */
  boolean hasCompletePackets() {
    return read < scanned;
  }

  /** Whether bytes of an incomplete packet are held. */
  boolean hasPartialPacket() {
    return buf != null && buf.position() > scanned;
  }

  /** The unread bytes, for framing as whole messages again. */
  ByteBuffer rest() {
    if (buf == null) {
      return ByteBuffer.allocate(0);
    }
    ByteBuffer b = buf.duplicate();
    b.flip().position(read);
    return b;
  }
}
