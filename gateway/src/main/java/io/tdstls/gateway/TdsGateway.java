package io.tdstls.gateway;

import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A TDS-aware TLS-terminating proxy: clients meet the project's server endpoint on the front (TDS
 * 7.x and strict on one port, every policy, hot-reloaded certificates), and each client connection
 * is relayed over its own backend connection that negotiates on its own (for example front strict
 * TLS 1.3, back TDS 7.x with TLS 1.2). Several backends can sit behind the one listener, chosen per
 * connection by SNI, LOGIN7's ServerName or database ({@link RouteTable}). LOGIN7 is relayed with its TDS version translated; failures
 * on the back side reach the client as TDS ERROR tokens; each connection ends with an audit line.
 *
 * <pre>{@code
 * try (TdsGateway gateway = TdsGateway.start(GatewayConfig.builder()
 *     .listen("0.0.0.0", 1433)
 *     .frontTls(ServerTlsConfig.builder().certificatePem(cert, key, null).build(), TlsProvider.JDK)
 *     .backend("legacy-sql.internal", 1433)
 *     .backendTls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(backendCa).build())
 *     .build())) {
 *   ...
 * }
 * }</pre>
 */
public final class TdsGateway implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TdsGateway.class.getName());

  private volatile GatewayConfig config;
  private final TdsServer front;
  private volatile boolean draining;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private TdsGateway(GatewayConfig config, TdsServer front) {
    this.config = config;
    this.front = front;
  }

  /**
   * Starts a gateway: listens on the front and relays every client to its route's backend.
   *
   * @param config the settings
   * @return the running gateway
   * @throws InterruptedException if interrupted while binding
   * @throws io.tdstls.error.TdsConfigException if the front or back TLS material cannot be loaded
   */
  public static TdsGateway start(GatewayConfig config) throws InterruptedException {
    warnInsecure(config);
    return new TdsGateway(config, TdsServer.start(frontConfig(config)));
  }

  /**
   * Replaces the settings for new connections: routes, certificates, policies, limits. Open
   * connections keep the routes and certificates they started with. The listening address cannot
   * change this way.
   *
   * @param next the new settings
   * @throws IllegalArgumentException if {@code next} listens on another host or port
   */
  public void reconfigure(GatewayConfig next) {
    front.reconfigure(frontConfig(next));
    warnInsecure(next);
    this.config = next;
    LOG.log(Level.INFO, "gateway reconfigured: {0} route(s) for new connections; open connections keep theirs",
        next.routes().routes().size());
  }

  private static ServerConfig frontConfig(GatewayConfig config) {
    ServerConfig.Builder front = ServerConfig.builder()
        .host(config.listenHost())
        .port(config.listenPort())
        .policy(config.frontPolicy())
        .loginTimeout(config.loginTimeout())
        .maxConnections(config.maxConnections())
        .reloadCheckInterval(config.reloadCheckInterval())
        .events(config.events())
        .preLoginBufferLimit(config.preLoginBufferLimit())
        .preLoginBudget(config.preLoginBudget())
        // a gateway relays token logins, so it answers FEDAUTHREQUIRED=1 to a client that sent the option, as
        // SQL Server does; otherwise a client answered by the gateway itself (no PRELOGIN relay) echoes 0 in LOGIN7's
        // FEDAUTH feature while the backend told the gateway 1, and the backend refuses the login
        .fedAuthRequired(true)
        .sessions(() -> new RelaySession(config));
    config.frontTls().ifPresent(tls -> front.tls(tls, config.frontProvider()));
    return front.build();
  }

  private static void warnInsecure(GatewayConfig config) {
    for (GatewayRoute r : config.routes().insecureRoutes()) {
      TlsConfig t = r.backendTls();
      LOG.log(Level.WARNING, "the gateway''s back side to {0} (route {1}) runs in mode {2}{3}: its audit lines are"
          + " marked", r.backendAddress(), r.name(), t.mode().label(),
          t.trustServerCertificate() || !t.hostnameVerification() ? " without full certificate validation" : "");
    }
  }

  /**
   * Returns the port the gateway listens on (useful with an ephemeral port).
   *
   * @return the port
   */
  public int port() {
    return front.port();
  }

  /**
   * Returns the settings new connections get (the last ones given to {@link #reconfigure}).
   *
   * @return the configuration
   */
  public GatewayConfig config() {
    return config;
  }

  /**
   * Returns the number of open client connections.
   *
   * @return connections currently open on the front
   */
  public int activeConnections() {
    return front.activeConnections();
  }

  /**
   * Returns the front certificate in use now; it follows the hot reload of the certificate files.
   *
   * @return the certificate clients are shown, empty when the front has no TLS
   */
  public Optional<X509Certificate> frontCertificate() {
    return front.config().certificateChain().map(Supplier::get).filter(c -> !c.isEmpty()).map(c -> c.get(0));
  }

  /**
   * Tells whether the gateway accepts new connections: {@code true} until {@link #drain} or {@link
   * #close()} began (what a load balancer's health check asks).
   *
   * @return whether new connections are accepted
   */
  public boolean accepting() {
    return !draining;
  }

  /**
   * Shuts down gracefully: stops accepting (new connections are refused at once), waits up to
   * {@code timeout} for the open sessions to end on their own (a session goes on relaying
   * meanwhile), then closes the rest, on both sides.
   *
   * @param timeout how long open sessions may take to finish
   * @return how many sessions finished within the timeout, and how many were closed after it
   * @throws InterruptedException if interrupted while waiting (the rest is then not closed)
   */
  public DrainResult drain(Duration timeout) throws InterruptedException {
    draining = true;
    int open = front.drain(Duration.ZERO); // stops accepting; the count of what is open from now on
    int left = front.drain(timeout);
    close();
    DrainResult result = new DrainResult(Math.max(0, open - left), left);
    LOG.log(Level.INFO, "gateway drained: {0} sessions finished, {1} closed after {2}", result.finished(),
        result.closed(), timeout);
    return result;
  }

  /** Stops listening and closes every connection, on both sides; later calls do nothing. */
  @Override
  public void close() {
    draining = true;
    if (closed.compareAndSet(false, true)) {
      front.close();
    }
  }
}
