package io.tdstls.negotiation;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.MessageAssembler;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * TDS messages over a byte stream that is either in clear or inside TLS records. Outbound, each
 * TDS packet becomes its own TLS record (so no record is larger than the packet size and every
 * message ends a record). Inbound, TLS records are unwrapped and the plaintext framed.
 */
final class TdsStream {

  /** Packet size before LOGIN7 negotiates one ([MS-TDS] 2.2.3). */
  static final int INITIAL_PACKET_SIZE = 4096;

  private final PacketFramer framer = new PacketFramer(INITIAL_PACKET_SIZE);
  private final MessageAssembler assembler;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ArrayDeque<TdsMessage> inbound = new ArrayDeque<>();
  private final PlaintextBuffer plaintext = new PlaintextBuffer();

  /** Decrypted bytes of one receive, readable in place without a copy. */
  private static final class PlaintextBuffer extends ByteArrayOutputStream {
    ByteBuffer view() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }
  private final ArrayDeque<Packet> inboundPackets = new ArrayDeque<>();
  private final PartialMessageWriter partial = new PartialMessageWriter();
  private boolean deliverPackets;
  private TlsEngineDriver tls;
  private boolean dropTlsAfterFirstInboundPacket;
  private int packetSize = INITIAL_PACKET_SIZE;
  private int spid;

  TdsStream(int maxMessageSize) {
    this.assembler = new MessageAssembler(maxMessageSize);
  }

  /** From now on, traffic in both directions travels in TLS records of this engine. */
  void encryptWith(TlsEngineDriver driver) {
    this.tls = driver;
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
    List<Packet> packets = MessageSplitter.split(message, packetSize, spid, 1);
    for (Packet p : packets) {
      writePacket(p, tls != null);
    }
  }

  /**
   * Queues a message whose first packet goes inside TLS and the rest in clear, then drops TLS
   * (client side of login-only encryption).
   */
  void sendFirstPacketEncryptedThenDropTls(TdsMessage message) throws SSLException {
    List<Packet> packets = MessageSplitter.split(message, packetSize, spid, 1);
    writePacket(packets.get(0), true);
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
    for (Packet p : partial.add(type, piece, endOfMessage, packetSize, spid)) {
      writePacket(p, tls != null);
    }
  }

  /**
   * Switches inbound delivery between whole messages ({@link #poll()}) and single packets ({@link
   * #pollPacket()}), for responses too large to assemble.
   */
  void deliverPackets(boolean packets) {
    if (assembler.inProgress() || (!packets && !inboundPackets.isEmpty())) {
      throw new IllegalStateException("cannot switch delivery in the middle of a message");
    }
    this.deliverPackets = packets;
  }

  Packet pollPacket() {
    return inboundPackets.poll();
  }

  private void writePacket(Packet p, boolean encrypt) throws SSLException {
    byte[] bytes = p.toBytes();
    if (encrypt) {
      tls.wrap(ByteBuffer.wrap(bytes), out);
    } else {
      out.write(bytes, 0, bytes.length);
    }
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

  /** Queues raw bytes (a TLS flight in strict mode, or an already-framed message). */
  void sendRaw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }

  byte[] takeOutbound() {
    byte[] b = out.toByteArray();
    out.reset();
    return b;
  }

  boolean hasOutbound() {
    return out.size() > 0;
  }

  /** Consumes bytes from the peer; complete messages become available through {@link #poll()}. */
  void receive(ByteBuffer in) throws SSLException, TdsProtocolException {
    if (tls == null) {
      frame(in);
      return;
    }
    tls.feed(in);
    if (!dropTlsAfterFirstInboundPacket) {
      plaintext.reset();
      tls.unwrapAvailable(plaintext);
      frame(plaintext.view()); // the framer copies what it keeps, so the buffer is reused
      return;
    }
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
    while (in.hasRemaining()) {
      Packet p = framer.next(in);
      if (p == null) {
        return;
      }
      if (deliverPackets) {
        inboundPackets.add(p);
        continue;
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
    return framer.hasPartialPacket() || assembler.inProgress() || (tls != null && tls.staged() > 0);
  }
}
