package io.tdstls.probe;

import io.tdstls.protocol.packet.PacketType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Pumps a client {@link SSLEngine} handshake through TDS 7.x PRELOGIN wrapping ([MS-TDS] 3.2.5.2):
 * each outgoing flight travels as the payload of a PRELOGIN message, and the server's flights are
 * read from PRELOGIN (or, as many servers send them, tabular result) messages. Stops as soon as the
 * handshake is done: nothing is ever sent inside the TLS session.
 */
final class WrappedHandshake {

  private final ProbeSocket socket;
  private final SSLEngine engine;
  private ByteBuffer netIn = ByteBuffer.allocate(0);
  private final ByteArrayOutputStream flight = new ByteArrayOutputStream();

  private WrappedHandshake(ProbeSocket socket, SSLEngine engine) {
    this.socket = socket;
    this.engine = engine;
  }

  /**
   * Runs the handshake to its end.
   *
   * @throws SSLException if the server refuses it (an alert, or a version or suite this engine does not offer)
   * @throws IOException if the connection closes or times out first
   */
  static void run(ProbeSocket socket, SSLEngine engine) throws IOException {
    new WrappedHandshake(socket, engine).pump();
  }

  private void pump() throws IOException {
    engine.beginHandshake();
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    while (true) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_WRAP -> wrap();
        case NEED_TASK -> runTasks();
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap(app);
        default -> {
          sendFlight();
          return;
        }
      }
    }
  }

  private void wrap() throws IOException {
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
    flight.write(out.array(), 0, out.position());
    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
      sendFlight();
      throw new SSLException("the TLS engine closed during the handshake");
    }
  }

  private void unwrap(ByteBuffer app) throws IOException {
    sendFlight();
    app.clear();
    SSLEngineResult r = engine.unwrap(netIn, app);
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW -> receive();
      case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
      default -> { }
    }
  }

  private void receive() throws IOException {
    byte[] more = socket.readMessage();
    ByteBuffer grown = ByteBuffer.allocate(netIn.remaining() + more.length);
    grown.put(netIn).put(more).flip();
    netIn = grown;
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private void sendFlight() throws IOException {
    if (flight.size() > 0) {
      socket.send(PacketType.PRELOGIN, flight.toByteArray());
      flight.reset();
    }
  }
}
