package io.tdstls.gateway;

import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.lang.System.Logger.Level;

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
        .preLoginBufferLimit(config.preLoginBufferLimit())
        .preLoginBudget(config.preLoginBudget())
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

  /** Stops listening and closes every connection, on both sides. */
  @Override
  public void close() {
    front.close();
  }
}
