package io.tdstls.client;

import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * A man in the middle on loopback: forwards one connection between a client and a server,
 * rewrites the ENCRYPTION option of the server's PRELOGIN reply, and records every byte the
 * client sent.
 */
final class TamperingRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final EncryptionValue forged;
  final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();

  TamperingRelay(int serverPort, EncryptionValue forged) throws IOException {
    this.listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    this.serverPort = serverPort;
    this.forged = forged;
    Thread t = new Thread(this::relay, "tampering-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void relay() {
    try (Socket client = listener.accept(); Socket server = new Socket("127.0.0.1", serverPort)) {
      Thread up = new Thread(() -> copy(client, server, true));
      up.setDaemon(true);
      up.start();
      InputStream in = server.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] header = in.readNBytes(8);
      int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      byte[] payload = in.readNBytes(length - 8);
      PreLogin reply = PreLogin.decode(payload).withEncryption(forged);
      out.write(MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT, reply.encode()), 4096, 0));
      in.transferTo(out);
    } catch (Exception e) {
      // the client or server closed: the relay ends
    }
  }

  private void copy(Socket from, Socket to, boolean record) {
    byte[] buf = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (fromClient) {
          fromClient.write(buf, 0, n);
        }
        to.getOutputStream().write(buf, 0, n);
      }
    } catch (IOException e) {
      // closed
    }
  }

  byte[] clientBytes() {
    synchronized (fromClient) {
      return fromClient.toByteArray();
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
