package io.tdstls.negotiation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * Drives one {@link SSLEngine} explicitly: handshake bytes in and out, application data wrapped
 * and unwrapped, with no socket. Inbound TLS bytes are staged here until whole records are in.
 *
 * <p>{@link #unwrapOneRecord(ByteArrayOutputStream)} feeds the engine exactly one TLS record, so
 * that a TDS 7.x login-only server never lets TLS read past the record that carries LOGIN7.
 */
final class TlsEngineDriver {

  /** Content type, version and length: the TLS record header. */
  private static final int RECORD_HEADER = 5;

  /** The staging buffer's size while nothing large is in flight. */
  private static final int SMALL_STAGING = 2048;

  /** The staging buffer once the handshake is over and nothing is staged: none at all. */
  private static final ByteBuffer NO_STAGING = ByteBuffer.allocate(0);

  /**
   * Per-thread scratch buffers for the engine's output (plaintext, records). Their content is
   * copied out within the call that fills them, so a connection holds no such buffer while idle:
   * only its staging buffer, which shrinks back once the handshake is over.
   */
  private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

  private final SSLEngine engine;
  private ByteBuffer netIn;
  private final ByteArrayOutputStream handshakePlaintext = new ByteArrayOutputStream();
  /** Grows when an engine asks for a larger plaintext buffer than its session announced. */
  private int appInNeeded;
  private boolean handshakeDone;
  private boolean peerClosed;
  /** Room left in an output buffer before each wrap: the session's record size, learnt on first use. */
  private int recordRoom;
  /** Room left in a plaintext buffer before each unwrap. */
  private int plainRoom;

  TlsEngineDriver(SSLEngine engine) {
    this.engine = engine;
    this.netIn = ByteBuffer.allocate(SMALL_STAGING);
  }

  /** A cleared per-thread buffer of at least {@code capacity} bytes: slot 0 plaintext, 1 records. */
  private static ByteBuffer scratch(int slot, int capacity) {
    ByteBuffer[] buffers = SCRATCH.get();
    ByteBuffer b = buffers[slot];
    if (b == null || b.capacity() < capacity) {
      b = ByteBuffer.allocate(capacity);
      buffers[slot] = b;
    }
    b.clear();
    return b;
  }

  private ByteBuffer appIn(int atLeast) {
    return scratch(0, Math.max(atLeast, engine.getSession().getApplicationBufferSize()));
  }

  private ByteBuffer netOut(int atLeast) {
    return scratch(1, Math.max(atLeast, engine.getSession().getPacketBufferSize()));
  }

  SSLEngine engine() {
    return engine;
  }

  /** Whether the peer sent close_notify; nothing more will be unwrapped. */
  boolean peerClosed() {
    return peerClosed;
  }

  boolean handshakeDone() {
    return handshakeDone;
  }

  /** Stages bytes received from the peer. */
  void feed(ByteBuffer in) {
    if (netIn.remaining() < in.remaining()) {
      ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + in.remaining() + 1024);
      netIn.flip();
      bigger.put(netIn);
      netIn = bigger;
    }
    netIn.put(in);
  }

  /** Bytes staged but not yet consumed by the engine. */
  int staged() {
    return netIn.position();
  }

  /** Returns and removes the staged bytes (the cleartext that follows TLS in login-only mode). */
  byte[] takeStaged() {
    netIn.flip();
    byte[] rest = new byte[netIn.remaining()];
    netIn.get(rest);
    netIn.clear();
    return rest;
  }

  /**
   * Advances the handshake with the staged bytes.
   *
   * @param out receives the handshake bytes to send to the peer
   * @throws SSLException if the handshake fails (including a TLS alert from the peer)
   */
  void handshake(ByteArrayOutputStream out) throws SSLException {
    if (!handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
      engine.beginHandshake();
    }
    boolean poked = false;
    while (!handshakeDone) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_TASK:
          runTasks();
          break;
        case NEED_WRAP:
          wrapInto(ByteBuffer.allocate(0), out);
          break;
        case NEED_UNWRAP:
          if (netIn.position() == 0) {
            if (poked || !pokeUnwrap()) {
              return; // need more bytes from the peer
            }
            poked = true;
          } else if (!unwrapStep()) {
            return; // need more bytes from the peer
          }
          break;
        case NEED_UNWRAP_AGAIN:
          if (!unwrapStep()) {
            return;
          }
          break;
        case FINISHED:
        case NOT_HANDSHAKING:
          handshakeDone = true;
          break;
        default:
          throw new SSLException("unexpected handshake status " + hs);
      }
    }
    // TLS 1.3 servers send post-handshake messages (session tickets) right after the handshake.
    while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
      wrapInto(ByteBuffer.allocate(0), out);
    }
    if (netIn.position() == 0) {
      netIn = NO_STAGING; // an idle connection holds no staging buffer; a partial record allocates one again
    } else if (netIn.position() <= SMALL_STAGING / 2 && netIn.capacity() > SMALL_STAGING) {
      ByteBuffer small = ByteBuffer.allocate(SMALL_STAGING);
      netIn.flip();
      small.put(netIn);
      netIn = small; // the handshake's large records are over: do not keep their buffer while idle
    }
  }

  /**
   * One unwrap during the handshake, of at most one TLS record; false when more bytes are needed.
   * A TLS 1.3 client sends its Finished and its first application record together, and some
   * engines (OpenSSL's) only report the handshake finished when they have decrypted that record:
   * plaintext produced by a handshake step is kept and handed out by the next {@link
   * #unwrapOneRecord}.
   */
  private boolean unwrapStep() throws SSLException {
    if (netIn.position() >= RECORD_HEADER) {
      int recordLength = stagedRecordLength();
      if (netIn.position() < recordLength) {
        if (netIn.capacity() < recordLength) {
          netIn = grow(netIn, recordLength);
        }
        return false;
      }
    }
    netIn.flip();
    int savedLimit = netIn.limit();
    if (savedLimit >= RECORD_HEADER) {
      netIn.limit(RECORD_HEADER + (((netIn.get(3) & 0xFF) << 8) | (netIn.get(4) & 0xFF)));
    }
    SSLEngineResult r;
    ByteBuffer appIn = appIn(appInNeeded);
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.limit(savedLimit);
      netIn.compact();
    }
    noteFinished(r);
    if (r.bytesProduced() > 0) {
      appIn.flip();
      handshakePlaintext.write(appIn.array(), appIn.position(), appIn.remaining());
    }
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW:
        ensureNetInCapacity();
        return false;
      case BUFFER_OVERFLOW:
        appInNeeded = appIn.capacity() * 2;
        return true;
      case CLOSED:
        throw new SSLException("the peer closed the TLS connection during the handshake");
      default:
        return true;
    }
  }

  /**
   * Unwraps nothing, once, when all staged input is consumed but the engine still asks to unwrap:
   * OpenSSL's engine notices that the handshake finished only on the call after the one that read
   * the peer's Finished (a resumed TLS 1.2 handshake ends with the client's Finished). The JDK's
   * engine answers BUFFER_UNDERFLOW and nothing changes.
   *
   * @return whether the engine moved on from NEED_UNWRAP
   */
  private boolean pokeUnwrap() throws SSLException {
    SSLEngineResult r = engine.unwrap(ByteBuffer.allocate(0), appIn(appInNeeded));
    noteFinished(r);
    return handshakeDone || engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP;
  }

  private void noteFinished(SSLEngineResult r) {
    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
      handshakeDone = true;
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private void ensureNetInCapacity() {
    int needed = engine.getSession().getPacketBufferSize();
    if (netIn.capacity() < needed) {
      netIn = grow(netIn, needed);
    }
  }

  private static ByteBuffer grow(ByteBuffer b, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
    b.flip();
    bigger.put(b);
    return bigger;
  }

  /**
   * Wraps application data into TLS records.
   *
   * @param plain the plaintext; consumed completely
   * @param out receives the records
   */
  void wrap(ByteBuffer plain, ByteArrayOutputStream out) throws SSLException {
    do {
      wrapInto(plain, out);
    } while (plain.hasRemaining());
  }

  /**
   * After a failed handshake, the fatal alert the engine queued for the peer (bad_certificate,
   * handshake_failure, protocol_version...), so that the peer learns why instead of seeing the
   * connection drop; empty if the engine has none or cannot produce it.
   *
   * @return the alert record(s), possibly none
   */
  byte[] pendingAlert() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
        if (r.bytesProduced() == 0) {
          break;
        }
        out.write(netOut.array(), 0, netOut.position());
      }
    } catch (SSLException | RuntimeException e) {
      // the engine is already closed for output: there is no alert to send
    }
    return out.toByteArray();
  }

  private void wrapInto(ByteBuffer src, ByteArrayOutputStream out) throws SSLException {
    int needed = 0;
    while (true) {
      ByteBuffer netOut = netOut(needed);
      SSLEngineResult r = engine.wrap(src, netOut);
      noteFinished(r);
      if (r.getStatus() == Status.BUFFER_OVERFLOW) {
        needed = netOut.capacity() * 2;
        continue;
      }
      if (r.getStatus() == Status.CLOSED && r.bytesProduced() == 0) {
        throw new SSLException("the TLS connection is closed");
      }
      netOut.flip();
      out.write(netOut.array(), 0, netOut.limit());
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      return;
    }
  }

  /**
   * Wraps application data into TLS records appended to {@code out}, in place: no copy of the
   * plaintext, no intermediate buffer.
   *
   * @param plain the plaintext; consumed completely
   * @param maxRecordPlaintext the most plaintext one record may carry (a TDS 7.x packet's length,
   *     or the TLS maximum of 16384 where records may cross packets)
   * @param out receives the records after its position
   * @return {@code out}, or a larger buffer holding its content if it had to grow
   */
  ByteBuffer wrap(ByteBuffer plain, int maxRecordPlaintext, ByteBuffer out) throws SSLException {
    int limit = plain.limit();
    try {
      while (plain.position() < limit) {
        plain.limit(plain.position() + Math.min(limit - plain.position(), maxRecordPlaintext));
        out = wrapRecord(plain, out);
        plain.limit(limit);
      }
    } finally {
      plain.limit(limit);
    }
    return out;
  }

  private ByteBuffer wrapRecord(ByteBuffer src, ByteBuffer out) throws SSLException {
    if (recordRoom == 0) {
      recordRoom = engine.getSession().getPacketBufferSize();
    }
    while (true) {
      if (out.remaining() < recordRoom) {
        out = grow(out, out.position() + recordRoom);
      }
      SSLEngineResult r = engine.wrap(src, out);
      if (r.getStatus() == Status.BUFFER_OVERFLOW) {
        recordRoom *= 2;
        continue;
      }
      if (r.getStatus() == Status.CLOSED && r.bytesProduced() == 0) {
        throw new SSLException("the TLS connection is closed");
      }
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      if (!src.hasRemaining() || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
        return out;
      }
    }
  }

  /**
   * Unwraps every complete record of the staged bytes followed by {@code in} into {@code plain}.
   * Records that are whole in {@code in} are decrypted straight from it; only an incomplete record
   * is copied to the staging buffer, to be completed by the next call.
   *
   * @param in bytes from the peer; consumed completely
   * @param plain receives the application data after its position
   * @return {@code plain}, or a larger buffer holding its content if it had to grow
   * @throws SSLException on a bad record or a TLS alert
   */
  ByteBuffer unwrapAll(ByteBuffer in, ByteBuffer plain) throws SSLException {
    if (handshakePlaintext.size() > 0) {
      byte[] early = handshakePlaintext.toByteArray();
      handshakePlaintext.reset();
      if (plain.remaining() < early.length) {
        plain = grow(plain, plain.position() + early.length);
      }
      plain.put(early);
    }
    while (netIn.position() > 0 && !peerClosed) {
      if (!topUpStagedRecord(in)) {
        return plain; // in is used up and the staged record is still incomplete
      }
      int recordLength = stagedRecordLength();
      netIn.flip();
      int savedLimit = netIn.limit();
      netIn.limit(recordLength);
      try {
        plain = unwrapRecord(netIn, plain);
      } finally {
        netIn.limit(savedLimit);
        netIn.compact();
      }
    }
    while (!peerClosed && in.remaining() >= RECORD_HEADER) {
      int recordLength = recordLength(in, in.position());
      if (in.remaining() < recordLength) {
        break;
      }
      int savedLimit = in.limit();
      in.limit(in.position() + recordLength);
      try {
        plain = unwrapRecord(in, plain);
      } finally {
        in.limit(savedLimit);
      }
    }
    if (peerClosed) {
      in.position(in.limit()); // nothing after close_notify counts
    } else if (in.hasRemaining()) {
      feed(in);
    }
    return plain;
  }

  /**
   * Moves just enough bytes from {@code in} to the staging buffer to complete the record staged
   * first; true when that record is complete.
   */
  private boolean topUpStagedRecord(ByteBuffer in) throws SSLException {
    if (netIn.position() < RECORD_HEADER) {
      moveFrom(in, RECORD_HEADER - netIn.position());
      if (netIn.position() < RECORD_HEADER) {
        return false;
      }
    }
    int recordLength = stagedRecordLength();
    if (netIn.position() < recordLength) {
      if (netIn.capacity() < recordLength) {
        netIn = grow(netIn, recordLength);
      }
      moveFrom(in, recordLength - netIn.position());
    }
    return netIn.position() >= recordLength;
  }

  private void moveFrom(ByteBuffer in, int count) {
    int n = Math.min(count, in.remaining());
    if (netIn.remaining() < n) {
      netIn = grow(netIn, netIn.position() + n);
    }
    int savedLimit = in.limit();
    in.limit(in.position() + n);
    netIn.put(in);
    in.limit(savedLimit);
  }

  /** Unwraps one whole record (the remaining bytes of {@code src}) into {@code plain}. */
  private ByteBuffer unwrapRecord(ByteBuffer src, ByteBuffer plain) throws SSLException {
    if (plainRoom == 0) {
      plainRoom = Math.max(appInNeeded, engine.getSession().getApplicationBufferSize());
    }
    while (true) {
      if (plain.remaining() < plainRoom) {
        plain = grow(plain, plain.position() + plainRoom);
      }
      SSLEngineResult r = engine.unwrap(src, plain);
      switch (r.getStatus()) {
        case BUFFER_OVERFLOW:
          plainRoom *= 2;
          continue;
        case CLOSED:
          peerClosed = true; // close_notify: the end of the session, not an error
          src.position(src.limit());
          return plain;
        default:
          break;
      }
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      if (!src.hasRemaining() || r.bytesConsumed() == 0) {
        return plain;
      }
    }
  }

  /** The length (header included) of the record whose header starts at {@code at}, after checking the header. */
  private static int recordLength(ByteBuffer b, int at) throws SSLException {
    int type = b.get(at) & 0xFF;
    int major = b.get(at + 1) & 0xFF;
    if (type < 20 || type > 24 || major != 3) {
      throw new SSLException(String.format(
          "the peer is not speaking TLS: record header %02X %02X %02X (expected a TLS record)",
          type, major, b.get(at + 2) & 0xFF));
    }
    return RECORD_HEADER + (((b.get(at + 3) & 0xFF) << 8) | (b.get(at + 4) & 0xFF));
  }

  /**
   * Returns the length (header included) of the TLS record staged first, after checking that its
   * header is one: content type 20..24 and protocol major version 3. Bytes that are not TLS (a
   * cleartext TDS packet, an HTTP answer) fail at once instead of being waited on as a record.
   */
  private int stagedRecordLength() throws SSLException {
    return recordLength(netIn, 0);
  }

  /**
   * Unwraps at most one TLS record, and only if it is completely staged.
   *
   * @param plainOut receives the application data of that record (possibly none)
   * @return whether a record was consumed
   * @throws SSLException on a bad record or a TLS alert
   */
  boolean unwrapOneRecord(ByteArrayOutputStream plainOut) throws SSLException {
    if (handshakePlaintext.size() > 0) {
      plainOut.writeBytes(handshakePlaintext.toByteArray());
      handshakePlaintext.reset();
      return true;
    }
    if (peerClosed || netIn.position() < RECORD_HEADER) {
      return false;
    }
    int recordLength = stagedRecordLength();
    if (netIn.position() < recordLength) {
      if (netIn.capacity() < recordLength) {
        netIn = grow(netIn, recordLength);
      }
      return false;
    }
    netIn.flip();
    int savedLimit = netIn.limit();
    netIn.limit(recordLength);
    try {
      while (true) {
        ByteBuffer appIn = appIn(appInNeeded);
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
          appInNeeded = appIn.capacity() * 2;
          continue;
        }
        if (r.getStatus() == Status.CLOSED) {
          peerClosed = true; // close_notify: the end of the session, not an error
          netIn.position(netIn.limit());
          return false;
        }
        appIn.flip();
        plainOut.write(appIn.array(), 0, appIn.limit());
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
          runTasks();
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
          // TLS 1.3 key update or similar post-handshake message: answer is produced on next wrap
          return true;
        }
        if (!netIn.hasRemaining() || r.bytesConsumed() == 0) {
          return true;
        }
      }
    } finally {
      netIn.limit(savedLimit);
      netIn.compact();
    }
  }
}
