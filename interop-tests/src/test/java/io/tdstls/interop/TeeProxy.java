package io.tdstls.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP relay that keeps a copy of every byte each way: what the side that connects to it
 * sent ({@link #upstream()}) and what it received ({@link #downstream()}). In front of a cleartext
 * TDS hop it shows exactly what travelled on the wire.
 */
final class TeeProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final ByteArrayOutputStream up = new ByteArrayOutputStream();
  private final ByteArrayOutputStream down = new ByteArrayOutputStream();

  TeeProxy(int targetPort) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          pump(client, target, up);
          pump(target, client, down);
        } catch (IOException e) {
          return; // closed
        }
      }
    }, "tee-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The bytes sent by whoever connected to the proxy. */
  byte[] upstream() {
    synchronized (up) {
      return up.toByteArray();
    }
  }

  /** The bytes whoever connected to the proxy received. */
  byte[] downstream() {
    synchronized (down) {
      return down.toByteArray();
    }
  }

  private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        InputStream in = from.getInputStream(); // not closed here: that would close the other direction too
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (copy) {
            copy.write(buf, 0, n);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        try {
          to.shutdownOutput();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "tee-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
