package io.tdstls.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tdstls.error.TdsException;
import io.tdstls.gateway.FailureKind;
import io.tdstls.gateway.GatewayEvents;
import io.tdstls.negotiation.NegotiatedSecurity;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A gateway's {@link GatewayEvents} counted as Micrometer meters, every one tagged with the
 * listener's name. The front listener gets the same meters as {@code serve} ({@link ServerMetrics}:
 * {@code tdstls_connections_*}, {@code tdstls_handshakes_total}, {@code tdstls_login_seconds},
 * {@code tdstls_certificate_expiry_seconds}, ...); on top, in Prometheus form:
 *
 * <ul>
 *   <li>{@code tdstls_gateway_connections_open{route}} and {@code
 *       tdstls_gateway_connections_total{route}}: relayed sessions (a LOGIN7 arrived), by route;
 *   <li>{@code tdstls_gateway_handshakes_total{side, outcome, tls_version}}: side {@code front} or
 *       {@code back}; outcome {@code none}, {@code login-only}, {@code full}, {@code strict}, or
 *       {@code failed};
 *   <li>{@code tdstls_gateway_failures_total{side, kind}}: kind a {@link FailureKind} label
 *       ({@code tls}, {@code policy}, {@code timeout}, {@code refused}, {@code unreachable}, {@code
 *       login}, {@code protocol}, {@code reset}, {@code limit}, {@code other});
 *   <li>{@code tdstls_gateway_relayed_bytes_total{route, direction}}: message payload bytes, {@code
 *       client_to_backend} and {@code backend_to_client}, counted as they are relayed;
 *   <li>{@code tdstls_gateway_login_seconds{route, result}}: a histogram from the client's LOGIN7 to
 *       the answer sent to it (result {@code accepted} or {@code refused});
 *   <li>{@code tdstls_gateway_backend_connect_seconds{route}}: a histogram of TCP connect, back TLS
 *       handshake and PRELOGIN, up to LOGIN7 sent;
 *   <li>{@code tdstls_gateway_backend_up{route}}: 1 if the last backend connection of the route
 *       got as far as LOGIN7, 0 if it failed before.
 * </ul>
 *
 * <p>Register it with {@code GatewayConfig.Builder.events(...)}.
 */
public final class GatewayMetrics implements GatewayEvents {

  private final MeterRegistry registry;
  private final Tags tags;
  private final ServerMetrics front;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** The meters of one route, made when the route is first used. */
  private final class Route {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger backendUp = new AtomicInteger();
    final Counter total;
    final Counter toBackend;
    final Counter toClient;
    final Timer connect;
    final Tags tags;
    boolean upRegistered;

    Route(String name) {
      tags = GatewayMetrics.this.tags.and("route", name);
      Gauge.builder("tdstls.gateway.connections.open", open, AtomicInteger::get).tags(tags)
          .description("Relayed sessions open now, by route").register(registry);
      total = Counter.builder("tdstls.gateway.connections").tags(tags)
          .description("Relayed sessions started (LOGIN7 received), by route").register(registry);
      toBackend = relayed("client_to_backend");
      toClient = relayed("backend_to_client");
      connect = Timer.builder("tdstls.gateway.backend.connect").tags(tags)
          .description("Backend TCP connect, TLS handshake and PRELOGIN, up to LOGIN7 sent")
          .publishPercentileHistogram().register(registry);
    }

    private Counter relayed(String direction) {
      return Counter.builder("tdstls.gateway.relayed").baseUnit("bytes").tags(tags).tag("direction", direction)
          .description("Message payload bytes relayed, by route and direction").register(registry);
    }

    synchronized void backendUp(boolean up) {
      backendUp.set(up ? 1 : 0);
      if (!upRegistered) {
        upRegistered = true;
        Gauge.builder("tdstls.gateway.backend.up", backendUp, AtomicInteger::get).tags(tags)
            .description("1 if the route's last backend connection got as far as LOGIN7, 0 if it failed before")
            .register(registry);
      }
    }
  }

  /**
   * Creates the meters of one gateway listener.
   *
   * @param registry where the meters live
   * @param listener the listener's name, the {@code listener} tag of every meter
   */
  public GatewayMetrics(MeterRegistry registry, String listener) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Tags.of("listener", listener);
    this.front = new ServerMetrics(registry, listener);
  }

  /**
   * Publishes the expiry time of the front certificate as {@code
   * tdstls_certificate_expiry_seconds}; the supplier is asked at every scrape, so a reloaded
   * certificate shows at once.
   *
   * @param certificate the certificate in use now, or {@code null} if there is none
   * @return this
   */
  public GatewayMetrics certificateExpiry(Supplier<X509Certificate> certificate) {
    front.certificateExpiry(certificate);
    return this;
  }

  private Route route(String name) {
    return routes.computeIfAbsent(name, Route::new);
  }

  // --- the front listener's events: serve's meters, and the gateway's by side ---

  @Override
  public void connectionOpened(int spid, SocketAddress remote) {
    front.connectionOpened(spid, remote);
  }

  @Override
  public void connectionRefused(SocketAddress remote, int openConnections) {
    front.connectionRefused(remote, openConnections);
    failure(Side.FRONT, FailureKind.LIMIT);
  }

  @Override
  public void negotiated(int spid, NegotiatedSecurity security) {
    front.negotiated(spid, security);
    handshake(Side.FRONT, security);
  }

  @Override
  public void loggedIn(int spid, boolean accepted, Duration sinceConnect) {
    front.loggedIn(spid, accepted, sinceConnect);
  }

  @Override
  public void failed(int spid, TdsException.Kind kind, boolean duringNegotiation) {
    front.failed(spid, kind, duringNegotiation);
    failed(Side.FRONT, FailureKind.of(kind), duringNegotiation);
  }

  @Override
  public void connectionClosed(int spid, long bytesReceived, long bytesSent) {
    front.connectionClosed(spid, bytesReceived, bytesSent);
  }

  // --- the gateway's own events ---

  @Override
  public void sessionStarted(String route) {
    Route r = route(route);
    r.open.incrementAndGet();
    r.total.increment();
  }

  @Override
  public void backendConnected(String route, NegotiatedSecurity security, Duration connectTime) {
    Route r = route(route);
    r.connect.record(connectTime);
    r.backendUp(true);
    handshake(Side.BACK, security);
  }

  @Override
  public void failed(Side side, FailureKind kind, boolean duringHandshake) {
    if (duringHandshake) {
      handshake(side, "failed", "none");
    }
    failure(side, kind); // last: a scrape that sees the failure sees the rest of it
  }

  @Override
  public void backendConnectFailed(String route, FailureKind kind) {
    route(route).backendUp(false);
  }

  @Override
  public void loginAnswered(String route, boolean accepted, Duration sinceLogin7) {
    Timer.builder("tdstls.gateway.login").tags(route(route).tags).tag("result", accepted ? "accepted" : "refused")
        .description("Time from the client's LOGIN7 to the login answer sent to it").publishPercentileHistogram()
        .register(registry).record(sinceLogin7);
  }

  @Override
  public void relayed(String route, boolean toBackend, long bytes) {
    Route r = route(route);
    (toBackend ? r.toBackend : r.toClient).increment(bytes);
  }

  @Override
  public void sessionEnded(String route) {
    route(route).open.decrementAndGet();
  }

  private void failure(Side side, FailureKind kind) {
    Counter.builder("tdstls.gateway.failures").tags(tags).tag("side", side.label()).tag("kind", kind.label())
        .description("Failures of relayed connections, by side and kind").register(registry).increment();
  }

  private void handshake(Side side, NegotiatedSecurity security) {
    handshake(side, security.outcome().label(), security.tlsInfo().map(t -> t.protocol()).orElse("none"));
  }

  private void handshake(Side side, String outcome, String tlsVersion) {
    Counter.builder("tdstls.gateway.handshakes").tags(tags).tag("side", side.label()).tag("outcome", outcome)
        .tag("tls_version", tlsVersion).description("Finished encryption negotiations, by side, outcome and TLS version")
        .register(registry).increment();
  }
}
