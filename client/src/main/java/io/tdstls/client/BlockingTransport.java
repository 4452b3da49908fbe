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

/**
 * A TCP socket with deadlines, mapping every I/O failure to a typed error. Until {@link
 * #endLogin()}, the connect and the login's reads block and {@link LoginDeadlines} closes the
 * socket at the connect timeout and then at the login deadline; afterwards each read has a socket
 * timeout.
 */
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
  /** Closes the socket at the login deadline while the login runs; {@code null} after it, or without a deadline. */
  private LoginDeadlines.Watch loginWatch;
  private Instant loginDeadline;

  private BlockingTransport(String peer, Socket socket, LoginDeadlines.Watch loginWatch, Instant loginDeadline)
      throws IOException {
    this.peer = peer;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.loginWatch = loginWatch;
    this.loginDeadline = loginDeadline;
  }

  /**
   * Connects.
   *
   * @param host the host
   * @param port the port
   * @param connectTimeout how long the TCP connect may take (zero: no limit)
   * @param loginDeadline when the login must be done, or {@code null} for no limit: until {@link
   *     #endLogin(String)}, reads that wait for this deadline block and the socket is closed at it
   */
  static BlockingTransport open(String host, int port, Duration connectTimeout, Instant loginDeadline)
      throws TdsException {
    String peer = host + ":" + port;
    Socket s = new Socket();
    LoginDeadlines.Watch watch = null;
    try {
      s.setTcpNoDelay(true);
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (!connectTimeout.isZero()) {
        watch = LoginDeadlines.shared().watch(s, System.nanoTime() + connectTimeout.toNanos());
      }
      s.connect(address); // blocks; the watch closes the socket at the connect timeout
      if (watch != null && watch.fired()) {
        throw new SocketTimeoutException("connect timed out");
      }
      if (loginDeadline == null) {
        endQuietly(watch);
        watch = null;
      } else {
        // the same watch goes on to the login deadline (should the connect deadline fire first, the login's
        // first read finds the socket closed and reports the timeout)
        long loginNanos = System.nanoTime() + Duration.between(Instant.now(), loginDeadline).toNanos();
        if (watch == null) {
          watch = LoginDeadlines.shared().watch(s, loginNanos);
        } else {
          watch.until(loginNanos);
        }
      }
      return new BlockingTransport(peer, s, watch, loginDeadline);
    } catch (UnknownHostException e) {
      endQuietly(watch);
      closeQuietly(s);
      throw new TdsConnectionException("unknown host '" + host + "'", "check the server name", e);
    } catch (IOException e) {
      boolean timedOut = e instanceof SocketTimeoutException || (watch != null && !watch.end());
      closeQuietly(s);
      if (timedOut) {
        throw new TdsTimeoutException("no TCP connection to " + peer + " within " + connectTimeout,
            "check that the server is running and that no firewall drops the traffic; raise the connect timeout", e);
      }
      throw connectFailure(peer, e);
    }
  }

  private static TdsConnectionException connectFailure(String peer, IOException e) {
    if (e instanceof ConnectException) {
      return new TdsConnectionException("connection to " + peer + " refused",
          "check the host and port, and that SQL Server accepts TCP/IP connections", e);
    }
    return new TdsConnectionException("cannot connect to " + peer + ": " + e.getMessage(), "check the host and port", e);
  }

  private static void endQuietly(LoginDeadlines.Watch watch) {
    if (watch != null) {
      watch.end();
    }
  }

  /**
   * Ends the login phase: from now on each read has its own socket timeout.
   *
   * @param waitingFor what the login waited for last, for the timeout message
   * @throws TdsTimeoutException if the login deadline passed first (the socket is closed)
   */
  void endLogin(String waitingFor) throws TdsTimeoutException {
    LoginDeadlines.Watch w = loginWatch;
    loginWatch = null;
    loginDeadline = null;
    if (w != null && !w.end()) {
      throw timeout(waitingFor);
    }
  }

  /** Whether a failed call failed because the login deadline closed the socket. */
  private boolean loginTimedOut() {
    return loginWatch != null && loginWatch.fired();
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
      if (loginTimedOut()) {
        throw timeout("sending the login");
      }
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
        if (ms <= 0 || loginTimedOut()) {
          throw timeout(waitingFor);
        }
        // the login's own deadline is kept by the watch: the read blocks, with no poll before it
        timeout = loginWatch != null && deadline.equals(loginDeadline) ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
      }
      socket.setSoTimeout(timeout);
      byte[] into = readBuffer;
      int n = in.read(into);
      if (n < 0 && loginTimedOut()) {
        throw timeout(waitingFor);
      }
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
      if (loginTimedOut()) {
        throw timeout(waitingFor);
      }
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
    endQuietly(loginWatch);
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
