package io.tdstls.gateway;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ClientEngines;
import java.lang.System.Logger.Level;

/**
 * A TDS-aware TLS-terminating proxy: clients meet the project's server endpoint on the front (TDS
 * 7.x and strict on one port, every policy, hot-reloaded certificates), and each client connection
 * is relayed over its own backend connection that negotiates on its own (for example front strict
 * TLS 1.3, back TDS 7.x with TLS 1.2). LOGIN7 is relayed with its TDS version translated; failures
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

  private final GatewayConfig config;
  private final TdsServer front;

  private TdsGateway(GatewayConfig config, TdsServer front) {
    this.config = config;
    this.front = front;
  }

  /**
   * Starts a gateway: listens on the front and relays every client to the backend.
   *
   * @param config the settings
   * @return the running gateway
   * @throws InterruptedException if interrupted while binding
   * @throws io.tdstls.error.TdsConfigException if the front or back TLS material cannot be loaded
   */
  public static TdsGateway start(GatewayConfig config) throws InterruptedException {
    ClientEngines backendTls = config.backendTls().mode() == EncryptMode.OFF
        ? null : config.backendProvider().engines(config.backendTls());
    if (config.backendInsecure()) {
      LOG.log(Level.WARNING, "the gateway''s back side to {0}:{1} runs in mode {2}{3}: every audit line is marked",
          config.backendHost(), String.valueOf(config.backendPort()), config.backendTls().mode().label(),
          config.backendTls().trustServerCertificate() || !config.backendTls().hostnameVerification()
              ? " without full certificate validation" : "");
    }
    ServerConfig.Builder front = ServerConfig.builder()
        .host(config.listenHost())
        .port(config.listenPort())
        .policy(config.frontPolicy())
        .loginTimeout(config.loginTimeout())
        .maxConnections(config.maxConnections())
        .reloadCheckInterval(config.reloadCheckInterval())
        .sessions(() -> new RelaySession(config, backendTls));
    config.frontTls().ifPresent(tls -> front.tls(tls, config.frontProvider()));
    return new TdsGateway(config, TdsServer.start(front.build()));
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
   * Returns the settings.
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
