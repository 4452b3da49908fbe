package io.tdstls.server;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.NegotiatedSecurity;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What happens to a server's connections, told to whoever watches (metrics, audit logs, a
 * gateway's own bookkeeping). Every method has an empty default, so an implementation overrides
 * only what it needs.
 *
 * <p>The calls come from the connection's Netty event loop: an implementation must be thread-safe
 * and quick (count, record, enqueue), and must not throw. Per connection the order is {@link
 * #connectionOpened}, then at most one {@link #negotiated}, at most one {@link #loggedIn}, any
 * {@link #failed}, and {@link #connectionClosed} last. A connection refused at the limit gets
 * {@link #connectionRefused} only.
 */
public interface ServerEvents {

  /** Watches nothing. */
  ServerEvents NONE = new ServerEvents() {};

  /**
   * A connection was accepted (it counts toward the connection limit from now on).
   *
   * @param spid the connection's session id
   * @param remote the client's address
   */
  default void connectionOpened(int spid, SocketAddress remote) {}

  /**
   * A connection was closed at once because the server already served its maximum.
   *
   * @param remote the client's address
   * @param openConnections the limit that was reached
   */
  default void connectionRefused(SocketAddress remote, int openConnections) {}

  /**
   * The encryption negotiation (PRELOGIN, and the TLS handshake if any) finished; LOGIN7 comes
   * next.
   *
   * @param spid the connection's session id
   * @param security what was settled: outcome, TLS version and cipher suite
   */
  default void negotiated(int spid, NegotiatedSecurity security) {}

  /**
   * The session handler answered LOGIN7.
   *
   * @param spid the connection's session id
   * @param accepted whether the login was accepted
   * @param sinceConnect the time from TCP connect to the answer
   */
  default void loggedIn(int spid, boolean accepted, Duration sinceConnect) {}

  /**
   * The connection failed and is being closed.
   *
   * @param spid the connection's session id
   * @param kind what went wrong ({@link TdsException.Kind#TIMEOUT} for the login timeout)
   * @param duringNegotiation whether it failed before {@link #negotiated} (a failed handshake)
   */
  default void failed(int spid, TdsException.Kind kind, boolean duringNegotiation) {}

  /**
   * The connection is closed.
   *
   * @param spid the connection's session id
   * @param bytesReceived bytes read from the client (TLS records included)
   * @param bytesSent bytes written to the client (TLS records included)
   */
  default void connectionClosed(int spid, long bytesReceived, long bytesSent) {}

  /**
   * Returns one watcher that tells each of the given ones, in order.
   *
   * @param watchers the watchers
   * @return a watcher telling all of them
   */
  static ServerEvents all(List<ServerEvents> watchers) {
    List<ServerEvents> copy = List.copyOf(watchers);
    return new ServerEvents() {
      @Override
      public void connectionOpened(int spid, SocketAddress remote) {
        copy.forEach(w -> w.connectionOpened(spid, remote));
      }

      @Override
      public void connectionRefused(SocketAddress remote, int openConnections) {
        copy.forEach(w -> w.connectionRefused(remote, openConnections));
      }

      @Override
      public void negotiated(int spid, NegotiatedSecurity security) {
        copy.forEach(w -> w.negotiated(spid, security));
      }

      @Override
      public void loggedIn(int spid, boolean accepted, Duration sinceConnect) {
        copy.forEach(w -> w.loggedIn(spid, accepted, sinceConnect));
      }

      @Override
      public void failed(int spid, TdsException.Kind kind, boolean duringNegotiation) {
        copy.forEach(w -> w.failed(spid, kind, duringNegotiation));
      }

      @Override
      public void connectionClosed(int spid, long bytesReceived, long bytesSent) {
        copy.forEach(w -> w.connectionClosed(spid, bytesReceived, bytesSent));
      }
    };
  }
}
