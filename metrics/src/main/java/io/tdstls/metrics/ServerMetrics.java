package io.tdstls.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.server.ServerEvents;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A server's {@link ServerEvents} counted as Micrometer meters, every one tagged with the listener's
 * name. In Prometheus form:
 *
 * <ul>
 *   <li>{@code tdstls_connections_open} and {@code tdstls_connections_total}; {@code
 *       tdstls_connections_refused_total} at the connection limit;
 *   <li>{@code tdstls_handshakes_total{outcome, tls_version}}: outcome {@code none}, {@code
 *       login-only}, {@code full}, {@code strict}, or {@code failed};
 *   <li>{@code tdstls_failures_total{kind}} by {@link TdsException.Kind} (lower case);
 *   <li>{@code tdstls_received_bytes_total} and {@code tdstls_sent_bytes_total};
 *   <li>{@code tdstls_login_seconds{result}}, a histogram of connect-to-login time;
 *   <li>{@code tdstls_certificate_expiry_seconds}, the listener certificate's notAfter as Unix time.
 * </ul>
 *
 * <p>Register it with {@code ServerConfig.Builder.events(...)}; a gateway adds its own meters
 * (route, backend) to the same registry.
 */
public final class ServerMetrics implements ServerEvents {

  private final MeterRegistry registry;
  private final Tags tags;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter total;
  private final Counter refused;
  private final Counter received;
  private final Counter sent;

  /**
   * Creates the meters of one listener.
   *
   * @param registry where the meters live
   * @param listener the listener's name, the {@code listener} tag of every meter
   */
  public ServerMetrics(MeterRegistry registry, String listener) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Tags.of("listener", listener);
    Gauge.builder("tdstls.connections.open", open, AtomicInteger::get).tags(tags)
        .description("Connections open now").register(registry);
    this.total = Counter.builder("tdstls.connections").tags(tags).description("Connections accepted").register(registry);
    this.refused = Counter.builder("tdstls.connections.refused").tags(tags)
        .description("Connections closed at once because the connection limit was reached").register(registry);
    this.received = Counter.builder("tdstls.received").baseUnit("bytes").tags(tags)
        .description("Bytes read from clients").register(registry);
    this.sent = Counter.builder("tdstls.sent").baseUnit("bytes").tags(tags)
        .description("Bytes written to clients").register(registry);
  }

  /**
   * Publishes the expiry time of the listener's certificate; the supplier is asked at every
   * scrape, so a reloaded certificate shows at once.
   *
   * @param certificate the certificate in use now, or {@code null} if there is none
   * @return this
   */
  public ServerMetrics certificateExpiry(Supplier<X509Certificate> certificate) {
    Gauge.builder("tdstls.certificate.expiry", certificate, c -> {
      X509Certificate x = c.get();
      return x == null ? Double.NaN : x.getNotAfter().getTime() / 1000.0;
    }).strongReference(true).tags(tags).baseUnit("seconds").description("notAfter of the listener certificate, Unix time").register(registry);
    return this;
  }

  @Override
  public void connectionOpened(int spid, SocketAddress remote) {
    open.incrementAndGet();
    total.increment();
  }

  @Override
  public void connectionRefused(SocketAddress remote, int openConnections) {
    refused.increment();
  }

  @Override
  public void negotiated(int spid, NegotiatedSecurity security) {
    handshake(security.outcome().label(), security.tlsInfo().map(t -> t.protocol()).orElse("none"));
  }

  @Override
  public void loggedIn(int spid, boolean accepted, Duration sinceConnect) {
    Timer.builder("tdstls.login").tags(tags).tag("result", accepted ? "accepted" : "refused")
        .description("Time from TCP connect to the login answer").publishPercentileHistogram()
        .register(registry).record(sinceConnect);
  }

  @Override
  public void failed(int spid, TdsException.Kind kind, boolean duringNegotiation) {
    Counter.builder("tdstls.failures").tags(tags).tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .description("Connections that failed, by kind").register(registry).increment();
    if (duringNegotiation) {
      handshake("failed", "none");
    }
  }

  @Override
  public void connectionClosed(int spid, long bytesReceived, long bytesSent) {
    open.decrementAndGet();
    received.increment(bytesReceived);
    sent.increment(bytesSent);
  }

  private void handshake(String outcome, String tlsVersion) {
    Counter.builder("tdstls.handshakes").tags(tags).tag("outcome", outcome).tag("tls_version", tlsVersion)
        .description("Finished encryption negotiations, by outcome and TLS version").register(registry).increment();
  }
}
