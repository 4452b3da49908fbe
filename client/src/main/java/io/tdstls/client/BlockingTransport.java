package io.tdstls.client;

import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsTimeoutException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/** A TCP socket with deadlines, mapping every I/O failure to a typed error. */
final class BlockingTransport implements Closeable {

  private final String peer;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** The read buffer while logging in: the login's messages are small, and a connection costs no more than it needs. */
  static final int SMALL_READ = 8192;
  /** The read buffer once a read has filled the small one: a large response, read 64 KiB per system call. */
  static final int LARGE_READ = 65536;

  private byte[] readBuffer = new byte[SMALL_READ];

  private BlockingTransport(String peer, Socket socket) throws IOException {
    this.peer = peer;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static BlockingTransport open(String host, int port, Duration connectTimeout) throws TdsException {
    String peer = host + ":" + port;
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      return new BlockingTransport(peer, s);
    } catch (UnknownHostException e) {
      closeQuietly(s);
      throw new TdsConnectionException("unknown host '" + host + "'", "check the server name", e);
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new TdsTimeoutException("no TCP connection to " + peer + " within " + connectTimeout,
          "check that the server is running and that no firewall drops the traffic; raise the connect timeout", e);
    } catch (ConnectException e) {
      closeQuietly(s);
      throw new TdsConnectionException("connection to " + peer + " refused",
          "check the host and port, and that SQL Server accepts TCP/IP connections", e);
    } catch (IOException e) {
      closeQuietly(s);
      throw new TdsConnectionException("cannot connect to " + peer + ": " + e.getMessage(), "check the host and port", e);
    }
  }

  String peer() {
    return peer;
  }

  void write(byte[] bytes) throws TdsException {
    if (bytes.length == 0) {
      return;
    }
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new TdsConnectionException("writing to " + peer + " failed: " + e.getMessage(),
          "the server closed or reset the connection; its log may say why", e);
    }
  }

  /**
   * Reads what is available, waiting until the deadline.
   *
   * @param deadline when to give up, or {@code null} to wait without limit
   * @param waitingFor what is awaited, for the timeout message
   */
  ByteBuffer read(Instant deadline, String waitingFor) throws TdsException {
    try {
      int timeout = 0;
      if (deadline != null) {
        long ms = Duration.between(Instant.now(), deadline).toMillis();
        if (ms <= 0) {
          throw timeout(waitingFor);
        }
        timeout = (int) Math.min(Integer.MAX_VALUE, ms);
      }
      socket.setSoTimeout(timeout);
      byte[] into = readBuffer;
      int n = in.read(into);
      if (n < 0) {
        throw new TdsConnectionException(peer + " closed the connection while " + waitingFor,
            "the server refused the connection; its log says why (for example an encryption policy)", null);
      }
      if (n == into.length && into.length < LARGE_READ) {
        readBuffer = new byte[LARGE_READ]; // from the next read on; the caller consumes this one first
      }
      return ByteBuffer.wrap(into, 0, n);
    } catch (TdsException e) {
      throw e;
    } catch (SocketTimeoutException e) {
      throw timeout(waitingFor);
    } catch (IOException e) {
      throw new TdsConnectionException("reading from " + peer + " failed while " + waitingFor + ": " + e.getMessage(),
          "the server closed or reset the connection; its log may say why", e);
    }
  }

  private TdsTimeoutException timeout(String waitingFor) {
    return new TdsTimeoutException(peer + " stopped answering while " + waitingFor,
        "check that the port belongs to SQL Server; if the server is slow, raise the login or read timeout", null);
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing more to do: the connection is being abandoned
    }
  }
}
