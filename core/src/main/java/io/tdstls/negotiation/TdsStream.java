package io.tdstls.negotiation;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.MessageAssembler;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * TDS messages over a byte stream that is either in clear or inside TLS records. Outbound, in TDS
 * 7.x each TDS packet becomes its own TLS record (no record is larger than the packet and every
 * message ends a record); in strict mode, where TLS is an ordinary stream under TDS, the packets of
 * one call are coalesced into records of up to 16 KiB. Inbound, TLS records are unwrapped in place
 * and the plaintext framed.
 *
 * <p>Buffers: the bytes one call produces (packets before encryption, the records or clear packets
 * to send, decrypted input) live in per-thread scratch buffers that are emptied before the call
 * returns, so an idle connection holds none of them and the data path allocates nothing per packet
 * on the way out.
 */
final class TdsStream {

  /** Packet size before LOGIN7 negotiates one ([MS-TDS] 2.2.3). */
  static final int INITIAL_PACKET_SIZE = 4096;

  private final PacketFramer framer = new PacketFramer(INITIAL_PACKET_SIZE);
  private final MessageAssembler assembler;
  private final ArrayDeque<TdsMessage> inbound = new ArrayDeque<>();

  /** The most plaintext one TLS record carries (RFC 8446 5.1, RFC 5246 6.2.1). */
  static final int MAX_RECORD_PLAINTEXT = 16384;

  /** How much a strict stream stages before encrypting: four full records, so only a call's last record is short. */
  private static final int STRICT_FLUSH = 4 * MAX_RECORD_PLAINTEXT;

  /**
   * One thread's scratch buffers. {@code owner} is the stream whose output {@code out} and {@code
   * staging} hold; another stream starting to write first clears them, so bytes left behind by a
   * call that failed never reach another connection.
   */
  private static final class Scratch {
    ByteBuffer out = ByteBuffer.allocate(8192);
    ByteBuffer staging = ByteBuffer.allocate(STRICT_FLUSH + 8192);
    ByteBuffer plain = ByteBuffer.allocate(8192);
    TdsStream owner;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The scratch buffers of this thread, emptied first if another stream used them last. */
  private Scratch scratch() {
    Scratch s = SCRATCH.get();
    if (s.owner != this) {
      s.out.clear();
      s.staging.clear();
      s.owner = this;
    }
    return s;
  }
  /** Received packets while they are delivered one by one, else {@code null}. */
  private InboundPackets inboundPackets;
  private final PartialMessageWriter partial = new PartialMessageWriter();
  private boolean deliverPackets;
  private TlsEngineDriver tls;
  /** Whether TLS records may span packets (strict: TLS is a plain stream under TDS). */
  private boolean recordsCrossPackets;
  private boolean dropTlsAfterFirstInboundPacket;
  private int packetSize = INITIAL_PACKET_SIZE;
  private int spid;

  TdsStream(int maxMessageSize) {
    this.assembler = new MessageAssembler(maxMessageSize);
  }

  /**
   * From now on, traffic in both directions travels in TLS records of this engine.
   *
   * @param strict whether TLS came first (TDS 8.0): then records may carry several packets, else
   *     each packet is its own record
   */
  void encryptWith(TlsEngineDriver driver, boolean strict) {
    this.tls = driver;
    this.recordsCrossPackets = strict;
  }

  /** Stops using TLS, without close_notify (login-only encryption). */
  void dropTls() {
    this.tls = null;
  }

  boolean encrypted() {
    return tls != null;
  }

  /**
   * Server side of login-only encryption: decrypt TLS records one at a time until the first TDS
   * packet (LOGIN7) is complete, then drop TLS and read the rest in clear.
   */
  void dropTlsAfterFirstInboundPacket() {
    this.dropTlsAfterFirstInboundPacket = true;
  }

  void setPacketSize(int size) {
    this.packetSize = size;
    framer.setMaxPacketSize(Math.max(size, INITIAL_PACKET_SIZE));
  }

  /** Lets inbound packets be as large as this before the peer has confirmed a packet size. */
  void allowInboundPacketSize(int size) {
    framer.setMaxPacketSize(Math.max(framer.maxPacketSize(), size));
  }

  int packetSize() {
    return packetSize;
  }

  void setSpid(int spid) {
    this.spid = spid;
  }

  /** Queues a message for sending, in the current mode. */
  void send(TdsMessage message) throws SSLException {
    byte[] payload = message.payload();
    int chunk = packetSize - PacketHeader.SIZE;
    int status = message.status() & ~PacketStatus.END_OF_MESSAGE.bit();
    int id = 1;
    int from = 0;
    do {
      int len = Math.min(chunk, payload.length - from);
      boolean last = from + len == payload.length;
      PacketHeader h = new PacketHeader(message.type(), last ? status | PacketStatus.END_OF_MESSAGE.bit() : status,
          PacketHeader.SIZE + len, spid, id, 0);
      writePacket(h, payload, from, tls != null);
      id = (id + 1) & 0xFF;
      from += len;
    } while (from < payload.length);
  }

  /**
   * Queues a message whose first packet goes inside TLS and the rest in clear, then drops TLS
   * (client side of login-only encryption).
   */
  void sendFirstPacketEncryptedThenDropTls(TdsMessage message) throws SSLException {
    List<Packet> packets = MessageSplitter.split(message, packetSize, spid, 1);
    writePacket(packets.get(0), true);
    sealStaging();
    tls = null;
    for (int i = 1; i < packets.size(); i++) {
      writePacket(packets.get(i), false);
    }
  }

  /**
   * Queues a piece of a message that is produced piece by piece; only complete packets are
   * written, the last one (EOM) when {@code endOfMessage} is set.
   */
  void sendPart(PacketType type, byte[] piece, boolean endOfMessage) throws SSLException {
    boolean encrypt = tls != null;
    partial.add(type, piece, endOfMessage, packetSize, spid, (t, status, length, id, packetId, payload, offset) ->
        writePacket(t, status, length, id, packetId, payload, offset, encrypt));
  }

  /**
   * Queues a piece as {@link #sendPart(PacketType, byte[], boolean)} does and hands the bytes to
   * {@code sink}. In clear, with nothing else queued, packets are written straight into a buffer
   * the sink lends ({@link BufferLendingSink}): one copy of the payload, from the piece to the
   * adapter's buffer.
   */
  void sendPart(PacketType type, byte[] piece, boolean endOfMessage, ByteSink sink) throws SSLException {
    if (tls == null && sink instanceof BufferLendingSink) {
      Scratch s = scratch();
      if (s.out.position() == 0 && s.staging.position() == 0) {
        BufferLendingSink lender = (BufferLendingSink) sink;
        ByteBuffer target = lender.borrow(partial.maxOutput(piece.length, packetSize));
        try {
          partial.add(type, piece, endOfMessage, packetSize, spid, (t, status, length, id, packetId, payload, offset) -> {
            putHeader(target, t, status, length, id, packetId);
            target.put(payload, offset, length - PacketHeader.SIZE);
          });
        } catch (RuntimeException | SSLException e) {
          lender.giveBack(target);
          throw e;
        } finally {
          s.owner = null;
        }
        target.flip();
        lender.write(target);
        return;
      }
    }
    sendPart(type, piece, endOfMessage);
    drainOutbound(sink);
  }

  /**
   * Switches inbound delivery between whole messages ({@link #poll()}) and single packets ({@link
   * #pollPacket()}), for responses too large to assemble.
   */
  void deliverPackets(boolean packets) throws TdsProtocolException {
    if (packets == deliverPackets) {
      return;
    }
    if (assembler.inProgress() || framer.hasPartialPacket() || (!packets && inboundPackets.hasCompletePackets())) {
      throw new IllegalStateException("cannot switch delivery in the middle of a message");
    }
    this.deliverPackets = packets;
    if (packets) {
      inboundPackets = new InboundPackets(framer.maxPacketSize());
    } else {
      ByteBuffer rest = inboundPackets.rest(); // the start of the next message, if any
      inboundPackets = null;
      frame(rest);
    }
  }

  Packet pollPacket() {
    return inboundPackets == null ? null : inboundPackets.poll();
  }

  /** Hands the next received packet to {@code reader} in place; false if none is complete. */
  boolean readPacket(PacketReader reader) throws TdsException {
    return inboundPackets != null && inboundPackets.read(reader);
  }

  private void writePacket(Packet p, boolean encrypt) throws SSLException {
    writePacket(p.header(), p.payload(), 0, encrypt);
  }

  /**
   * Queues one packet: in clear straight into the output, or through the staging buffer into TLS
   * records (one per packet in TDS 7.x; in strict mode the staging buffer fills up to a full record
   * first).
   */
  private void writePacket(PacketHeader h, byte[] payload, int offset, boolean encrypt) throws SSLException {
    Scratch s = scratch();
    if (!encrypt) {
      s.out = ensure(s.out, h.length());
      h.encode(s.out);
      s.out.put(payload, offset, h.payloadLength());
      return;
    }
    s.staging = ensure(s.staging, h.length());
    h.encode(s.staging);
    s.staging.put(payload, offset, h.payloadLength());
    sealIfDue(s);
  }

  /** The 8 header bytes, as {@link PacketHeader#encode} writes them (window 0). */
  private static void putHeader(ByteBuffer out, PacketType type, int status, int length, int spid, int packetId) {
    out.put((byte) type.code());
    out.put((byte) status);
    out.putShort((short) length);
    out.putShort((short) spid);
    out.put((byte) packetId);
    out.put((byte) 0);
  }

  private void writePacket(PacketType type, int status, int length, int spid, int packetId, byte[] payload, int offset,
      boolean encrypt) throws SSLException {
    Scratch s = scratch();
    int payloadLength = length - PacketHeader.SIZE;
    if (!encrypt) {
      s.out = ensure(s.out, length);
      putHeader(s.out, type, status, length, spid, packetId);
      s.out.put(payload, offset, payloadLength);
      return;
    }
    s.staging = ensure(s.staging, length);
    putHeader(s.staging, type, status, length, spid, packetId);
    s.staging.put(payload, offset, payloadLength);
    sealIfDue(s);
  }

  /** One record per packet in TDS 7.x; in strict mode once the staging buffer holds four full records. */
  private void sealIfDue(Scratch s) throws SSLException {
    if (!recordsCrossPackets) {
      sealStaging();
    } else if (s.staging.position() >= STRICT_FLUSH) {
      sealStaging();
    }
  }

  /** Encrypts everything staged into records in the output. */
  private void sealStaging() throws SSLException {
    Scratch s = scratch();
    if (s.staging.position() > 0) {
      wrapStaging(s, s.staging.position());
    }
  }

  /**
   * Encrypts the {@code count} staged bytes: as one record (a TDS 7.x packet), or in strict mode in
   * records as large as the engine makes them (it cuts at its maximum fragment size).
   */
  private void wrapStaging(Scratch s, int count) throws SSLException {
    s.staging.flip();
    s.out = tls.wrap(s.staging, recordsCrossPackets ? Integer.MAX_VALUE : count, s.out);
    s.staging.clear();
  }

  private static ByteBuffer ensure(ByteBuffer b, int room) {
    if (b.remaining() >= room) {
      return b;
    }
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.position() + room, b.capacity() * 2));
    b.flip();
    bigger.put(b);
    return bigger;
  }

  /**
   * Advances a TLS handshake with the bytes staged in {@code tls} and queues the flight it
   * produces: as raw TLS records (strict, TLS first), or wrapped in PRELOGIN packets of at most
   * 4096 bytes with EOM on the last (TDS 7.x, [MS-TDS] 3.2.5.2).
   *
   * @return whether the handshake is complete
   */
  boolean handshakeStep(TlsEngineDriver tls, boolean wrapInPrelogin) throws SSLException {
    ByteArrayOutputStream flight = new ByteArrayOutputStream();
    tls.handshake(flight);
    if (flight.size() > 0) {
      sendRaw(wrapInPrelogin
          ? MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN, flight.toByteArray()), INITIAL_PACKET_SIZE, 0)
          : flight.toByteArray());
    }
    return tls.handshakeDone();
  }

  /**
   * Queues the alert a failed handshake left in the engine: as a raw record (strict), or in a
   * PRELOGIN packet like the rest of the handshake (TDS 7.x).
   */
  void sendHandshakeAlert(TlsEngineDriver tls, boolean wrapInPrelogin) throws SSLException {
    byte[] alert = tls.pendingAlert();
    if (alert.length > 0) {
      sendRaw(wrapInPrelogin
          ? MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN, alert), INITIAL_PACKET_SIZE, 0)
          : alert);
    }
  }

  /** Queues raw bytes (a TLS flight in strict mode, or an already-framed message). */
  void sendRaw(byte[] bytes) throws SSLException {
    sealStaging();
    Scratch s = scratch();
    s.out = ensure(s.out, bytes.length);
    s.out.put(bytes);
  }

  /** Returns and removes everything queued to send, encrypting what is still staged. */
  byte[] takeOutbound() throws SSLException {
    CollectedBytes c = new CollectedBytes();
    drainOutbound(c);
    return c.bytes();
  }

  /** Hands everything queued to send to {@code sink} (if there is anything), encrypting what is still staged. */
  void drainOutbound(ByteSink sink) throws SSLException {
    Scratch s = scratch();
    if (s.staging.position() > 0) {
      wrapStaging(s, s.staging.position());
    }
    s.out.flip();
    try {
      if (s.out.hasRemaining()) {
        sink.write(s.out);
      }
    } finally {
      s.out.clear();
      s.owner = null;
    }
  }

  /** Consumes bytes from the peer; complete messages become available through {@link #poll()}. */
  void receive(ByteBuffer in) throws SSLException, TdsProtocolException {
    if (tls == null) {
      frame(in);
      return;
    }
    if (!dropTlsAfterFirstInboundPacket) {
      Scratch s = SCRATCH.get();
      s.plain.clear();
      s.plain = tls.unwrapAll(in, s.plain);
      s.plain.flip();
      try {
        frame(s.plain); // the framer copies what it keeps, so the buffer is reused
      } finally {
        s.plain.clear();
      }
      return;
    }
    tls.feed(in);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    while (tls.unwrapOneRecord(plain)) {
      ByteBuffer b = ByteBuffer.wrap(plain.toByteArray());
      plain.reset();
      boolean complete = frameUntilFirstPacket(b);
      if (complete) {
        if (b.hasRemaining()) {
          throw new TdsProtocolException("login-only TLS", "data after the first LOGIN7 packet inside TLS", -1);
        }
        byte[] clear = tls.takeStaged();
        tls = null;
        dropTlsAfterFirstInboundPacket = false;
        frame(ByteBuffer.wrap(clear));
        return;
      }
      plain.write(b.array(), b.position(), b.remaining());
    }
  }

  private boolean frameUntilFirstPacket(ByteBuffer b) throws TdsProtocolException {
    Packet p = framer.next(b);
    if (p == null) {
      return false;
    }
    TdsMessage m = assembler.add(p);
    if (m != null) {
      inbound.add(m);
    }
    return true;
  }

  /** Frames clear bytes into packets and messages. */
  void frame(ByteBuffer in) throws TdsProtocolException {
    if (deliverPackets) {
      inboundPackets.append(in);
      return;
    }
    while (in.hasRemaining()) {
      Packet p = framer.next(in);
      if (p == null) {
        return;
      }
      TdsMessage m = assembler.add(p);
      if (m != null) {
        inbound.add(m);
      }
    }
  }

  /** Frames clear bytes into packets only (the TDS 7.x handshake, carried in PRELOGIN packets). */
  Packet nextPacket(ByteBuffer in) throws TdsProtocolException {
    return framer.next(in);
  }

  TdsMessage poll() {
    return inbound.poll();
  }

  /** Bytes of unfinished input held: a partial packet, an unfinished message, staged TLS bytes. */
  int bufferedInputBytes() {
    return framer.bufferedBytes() + assembler.bufferedBytes() + (tls != null ? tls.staged() : 0);
  }

  boolean hasPartialInput() {
    return framer.hasPartialPacket() || assembler.inProgress() || (tls != null && tls.staged() > 0)
        || (inboundPackets != null && inboundPackets.hasPartialPacket());
  }
}
