package io.tdstls.gateway;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.server.ServerEvents;
import java.time.Duration;

/**
 * What happens to a gateway's relayed connections, told to whoever watches (metrics): the front
 * listener's own {@link ServerEvents}, plus what only a gateway knows (the route, the back side,
 * the bytes relayed). Every method has an empty default.
 *
 * <p>As with {@link ServerEvents}, calls come from the connection's Netty event loop: an
 * implementation must be thread-safe and quick, and must not throw. Per relayed session the order
 * is {@link #sessionStarted}, then per backend connection attempt (a redirect makes another) either
 * {@link #backendConnected} or {@link #backendConnectFailed}, then at most one {@link
 * #loginAnswered}, any {@link #relayed}, and {@link #sessionEnded} last.
 */
public interface GatewayEvents extends ServerEvents {

  /** Watches nothing. */
  GatewayEvents NONE = new GatewayEvents() {};

  /** A side of a relayed connection. */
  enum Side {
    /** Between the client and the gateway. */
    FRONT,
    /** Between the gateway and the backend. */
    BACK;

    /**
     * Returns the tag value.
     *
     * @return {@code front} or {@code back}
     */
    public String label() {
      return this == FRONT ? "front" : "back";
    }
  }

  /**
   * A client's LOGIN7 arrived and its session is relayed on a route; a backend connection starts.
   *
   * @param route the route's name ({@code default} while the gateway has one backend)
   */
  default void sessionStarted(String route) {}

  /**
   * A backend connection finished its TCP connect, TLS handshake and PRELOGIN; LOGIN7 was sent.
   *
   * @param route the route's name
   * @param security what the back side negotiated
   * @param connectTime from the start of the TCP connect to LOGIN7 sent
   */
  default void backendConnected(String route, NegotiatedSecurity security, Duration connectTime) {}

  /**
   * A backend connection failed before LOGIN7 could be sent (the backend is down, unreachable, or
   * refuses the gateway's TLS); {@link #failed} tells the same failure next.
   *
   * @param route the route's name
   * @param kind what failed
   */
  default void backendConnectFailed(String route, FailureKind kind) {}

  /**
   * A side failed in a way the front listener's {@link ServerEvents#failed} does not tell: the back
   * side's every failure, and the front refusals the gateway itself makes (strict required).
   *
   * @param side where it failed
   * @param kind what failed
   * @param duringHandshake whether it failed before that side's negotiation finished
   */
  default void failed(Side side, FailureKind kind, boolean duringHandshake) {}

  /**
   * The client got the answer to its LOGIN7: the backend's LOGINACK, or its refusal.
   *
   * @param route the route's name
   * @param accepted whether the login was accepted
   * @param sinceLogin7 from the client's LOGIN7 arriving to the answer sent to the client
   */
  default void loginAnswered(String route, boolean accepted, Duration sinceLogin7) {}

  /**
   * Message payload bytes were relayed (TDS headers and TLS not counted).
   *
   * @param route the route's name
   * @param toBackend {@code true} for client to backend, {@code false} for backend to client
   * @param bytes how many
   */
  default void relayed(String route, boolean toBackend, long bytes) {}

  /**
   * The relayed session ended (either side, for any reason).
   *
   * @param route the route's name
   */
  default void sessionEnded(String route) {}
}
