package io.tdstls.probe;

import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * A minimal TDS 7.x front for a plain TLS server (an {@code openssl s_server}): answers the
 * cleartext PRELOGIN with ENCRYPT_ON in a tabular result packet, as SQL Server does (nmap 7.93 reads ENCRYPT_REQ as "no encryption"), then carries the TLS handshake in PRELOGIN packets both
 * ways ([MS-TDS] 3.2.5.2), and raw TLS records after it. Enough for the probe and for nmap's
 * ms-sql-s wrapping; not a SQL Server.
 */
final class PreloginRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int backendPort;

  PreloginRelay(int backendPort) throws IOException {
    this.backendPort = backendPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "prelogin-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread t = new Thread(() -> serve(client), "prelogin-relay-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      byte[] first = packet(in);
      if (first == null || first[0] != PacketType.PRELOGIN.code()) {
        return;
      }
      out.write(MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT, PreLogin.of(new Version(16, 0, 0, 0))
          .withEncryption(EncryptionValue.ON).withInstance("").withMars(false).encode()), 4096, 0));
      out.flush();
      Thread down = new Thread(() -> backendToClient(backend, out), "prelogin-relay-down");
      down.setDaemon(true);
      down.start();
      OutputStream toBackend = backend.getOutputStream();
      while (true) {
        byte[] p = packet(in);
        if (p == null) {
          return;
        }
        toBackend.write(p[0] == PacketType.PRELOGIN.code() ? Arrays.copyOfRange(p, 8, p.length) : p);
        toBackend.flush();
      }
    } catch (IOException e) {
      // the probe or nmap closed: done with this connection
    }
  }

  /** Reads one TDS packet, or a raw TLS record once the handshake is over; null at the end. */
  private static byte[] packet(DataInputStream in) throws IOException {
    byte[] header = new byte[5];
    if (in.read(header, 0, 1) < 1) {
      return null;
    }
    boolean tds = header[0] == PacketType.PRELOGIN.code();
    byte[] rest = new byte[tds ? 7 : 4];
    in.readFully(rest);
    int length = tds ? ((rest[1] & 0xFF) << 8 | (rest[2] & 0xFF)) - 8 : (rest[2] & 0xFF) << 8 | (rest[3] & 0xFF);
    byte[] whole = new byte[1 + rest.length + length];
    whole[0] = header[0];
    System.arraycopy(rest, 0, whole, 1, rest.length);
    in.readFully(whole, 1 + rest.length, length);
    return whole;
  }

  private static void backendToClient(Socket backend, OutputStream out) {
    byte[] buf = new byte[4000];
    try {
      InputStream in = backend.getInputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN, Arrays.copyOf(buf, n)), 4096, 0));
        out.flush();
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
