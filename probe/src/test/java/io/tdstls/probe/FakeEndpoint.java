package io.tdstls.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny misbehaving endpoint for tests: a loopback {@link ServerSocket} whose accept thread hands
 * each connection to a behaviour (close after PRELOGIN, answer garbage, never answer, ...).
 */
final class FakeEndpoint implements AutoCloseable {

  /** What the endpoint does with one accepted connection; the socket is closed afterwards. */
  @FunctionalInterface
  interface Behaviour {
    void serve(Socket socket) throws Exception;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  final AtomicInteger connections = new AtomicInteger();

  FakeEndpoint(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> acceptLoop(behaviour), "fake-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  Target target() {
    return new Target("127.0.0.1", server.getLocalPort());
  }

  private void acceptLoop(Behaviour behaviour) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> {
          try (s) {
            behaviour.serve(s);
          } catch (Exception e) {
            // the peer went away or the test ended: nothing to report
          }
        }, "fake-endpoint-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Reads one TDS packet (header and payload) or fails. */
  static byte[] readPacket(Socket s) throws IOException {
    byte[] header = s.getInputStream().readNBytes(8);
    if (header.length < 8) {
      throw new IOException("closed");
    }
    int len = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    return s.getInputStream().readNBytes(len - 8);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
