package io.tdstls.probe;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One probe connection: a TCP socket with a deadline for the whole exchange, that sends and reads
 * whole TDS messages. Every read waits at most until the deadline, so a silent peer gives a
 * {@link SocketTimeoutException}, never a hang.
 */
final class ProbeSocket implements AutoCloseable {

  /** The packet size before LOGIN7 negotiates one ([MS-TDS] 2.2.3). */
  static final int PRELOGIN_PACKET_SIZE = 4096;

  private Socket socket;
  private final long deadlineNanos;
  private final PacketFramer framer = new PacketFramer(PRELOGIN_PACKET_SIZE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

  private ProbeSocket(Socket socket, long deadlineNanos) {
    this.socket = socket;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Connects to a target.
   *
   * @throws UnreachableException if the connection cannot be opened within the timeout
   */
  static ProbeSocket connect(Target target, Duration timeout) throws UnreachableException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(target.host(), target.port()), (int) Math.max(1, timeout.toMillis()));
      return new ProbeSocket(s, deadline);
    } catch (IOException e) {
      closeQuietly(s);
      throw new UnreachableException("cannot connect to " + target + ": " + e.getMessage(), e);
    }
  }

  Socket socket() {
    return socket;
  }

  /** Continues over a TLS socket layered on this connection (strict: everything after the handshake is inside TLS). */
  void upgrade(Socket layered) {
    this.socket = layered;
  }

  /** Milliseconds left before the deadline, at least 1. */
  int remainingMillis() throws SocketTimeoutException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("no complete answer before the timeout");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Sends a message of one type, split into packets of at most 4096 bytes. */
  void send(PacketType type, byte[] payload) throws IOException {
    socket.getOutputStream().write(MessageSplitter.toWire(new TdsMessage(type, payload), PRELOGIN_PACKET_SIZE, 0));
    socket.getOutputStream().flush();
  }

  /**
   * Reads one whole message (packets up to end-of-message) of type PRELOGIN or tabular result.
   *
   * @throws EOFException if the peer closes first
   * @throws SocketTimeoutException at the deadline
   * @throws NotTdsException if the bytes are not TDS packets of those types
   */
  byte[] readMessage() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      Packet p = nextPacket();
      PacketType type = p.header().type();
      if (type != PacketType.PRELOGIN && type != PacketType.TABULAR_RESULT) {
        throw new NotTdsException("a packet of type " + type + " arrived where a PRELOGIN reply was expected", null);
      }
      message.writeBytes(p.payload());
      if (p.header().isEndOfMessage()) {
        return message.toByteArray();
      }
    }
  }

  private Packet nextPacket() throws IOException {
    byte[] buf = new byte[PRELOGIN_PACKET_SIZE];
    while (true) {
      try {
        Packet p = framer.next(pending);
        if (p != null) {
          return p;
        }
      } catch (TdsProtocolException e) {
        throw new NotTdsException("not a TDS packet: " + e.getMessage(), e);
      }
      int n = read(socket.getInputStream(), buf);
      pending = ByteBuffer.wrap(buf, 0, n);
    }
  }

  private int read(InputStream in, byte[] buf) throws IOException {
    socket.setSoTimeout(remainingMillis());
    int n = in.read(buf);
    if (n < 0) {
      throw new EOFException(framer.hasPartialPacket() ? "closed in the middle of a packet" : "closed without a reply");
    }
    return n;
  }

  /**
   * Writes raw bytes (TLS records of the strict path, not framed as TDS).
   *
   * @param bytes the bytes
   */
  void sendRaw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /**
   * Reads whatever raw bytes arrive next.
   *
   * @return at least one byte
   * @throws EOFException if the peer closes
   * @throws SocketTimeoutException at the deadline
   */
  byte[] readRaw() throws IOException {
    byte[] buf = new byte[PRELOGIN_PACKET_SIZE];
    int n = read(socket.getInputStream(), buf);
    return java.util.Arrays.copyOf(buf, n);
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to report: the probe is done with this connection
    }
  }
}
