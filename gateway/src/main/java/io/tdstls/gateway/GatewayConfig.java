package io.tdstls.gateway;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The immutable settings of a {@link TdsGateway}: its front (where clients connect, and the server
 * policy and certificate they meet) and its back (the server it relays to, and how it connects
 * there). Secure by default: front encryption forced with strict allowed; back encryption
 * mandatory with full certificate and host name validation.
 */
public final class GatewayConfig {

  private final String listenHost;
  private final int listenPort;
  private final ServerPolicy frontPolicy;
  private final ServerTlsConfig frontTls;
  private final TlsProvider frontProvider;
  private final Duration loginTimeout;
  private final int maxConnections;
  private final Duration reloadCheckInterval;
  private final String backendHost;
  private final int backendPort;
  private final TlsConfig backendTls;
  private final Duration backendTimeout;
  private final Consumer<String> audit;
  private final GatewayEvents events;
  private final boolean preLoginRelay;

  private GatewayConfig(Builder b) {
    this.listenHost = b.listenHost;
    this.listenPort = b.listenPort;
    this.frontPolicy = b.frontPolicy;
    this.frontTls = b.frontTls;
    this.frontProvider = b.frontProvider;
    this.loginTimeout = b.loginTimeout;
    this.maxConnections = b.maxConnections;
    this.reloadCheckInterval = b.reloadCheckInterval;
    this.backendHost = b.backendHost;
    this.backendPort = b.backendPort;
    this.backendTls = b.backendTls;
    this.backendTimeout = b.backendTimeout;
    this.audit = b.audit;
    this.events = b.events;
    this.preLoginRelay = b.preLoginRelay;
  }

  /**
   * Returns a builder.
   *
   * @return a builder listening on 127.0.0.1 with an ephemeral port, front forced with strict
   *     allowed, back mandatory with full validation
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the address to listen on */
  public String listenHost() {
    return listenHost;
  }

  /** @return the port to listen on (0: ephemeral) */
  public int listenPort() {
    return listenPort;
  }

  /** @return the server policy clients meet on the front */
  public ServerPolicy frontPolicy() {
    return frontPolicy;
  }

  /** @return the front certificate and TLS settings, absent when the front has no encryption */
  public Optional<ServerTlsConfig> frontTls() {
    return Optional.ofNullable(frontTls);
  }

  /** @return the TLS provider of the front */
  public TlsProvider frontProvider() {
    return frontProvider;
  }

  /** @return how long a client has to log in, the backend's answer included */
  public Duration loginTimeout() {
    return loginTimeout;
  }

  /** @return the largest number of client connections open at once */
  public int maxConnections() {
    return maxConnections;
  }

  /** @return how often the front certificate files are checked for changes */
  public Duration reloadCheckInterval() {
    return reloadCheckInterval;
  }

  /** @return the backend's host */
  public String backendHost() {
    return backendHost;
  }

  /** @return the backend's port */
  public int backendPort() {
    return backendPort;
  }

  /** @return how the gateway connects to the backend (mode, trust, versions) */
  public TlsConfig backendTls() {
    return backendTls;
  }

  /** @return the limit for connecting to the backend and logging in there */
  public Duration backendTimeout() {
    return backendTimeout;
  }

  /**
   * @return whether the backend connection opens when the client's PRELOGIN arrives, so that the
   *     client's PRELOGIN options reach the backend and the client gets the backend's (true by
   *     default); when false the gateway answers PRELOGIN itself and connects at LOGIN7
   */
  public boolean preLoginRelay() {
    return preLoginRelay;
  }

  /** @return where the audit lines (one JSON object per connection) go */
  public Consumer<String> audit() {
    return audit;
  }

  /**
   * Returns who is told what happens to connections (metrics): the front listener's events and the
   * gateway's own.
   *
   * @return the watcher, {@link GatewayEvents#NONE} unless set
   */
  public GatewayEvents events() {
    return events;
  }

  /**
   * Tells whether the back side is weaker than the defaults: no encryption, or no certificate or
   * host name validation. Such a gateway warns at start and marks every audit line.
   *
   * @return whether the back side is insecure
   */
  public boolean backendInsecure() {
    return backendTls.mode() == EncryptMode.OFF || backendTls.mode() == EncryptMode.OPTIONAL
        || backendTls.trustServerCertificate() || !backendTls.hostnameVerification();
  }

  /** Builds a {@link GatewayConfig}. */
  public static final class Builder {
    private String listenHost = "127.0.0.1";
    private int listenPort;
    private ServerPolicy frontPolicy = new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);
    private ServerTlsConfig frontTls;
    private TlsProvider frontProvider = TlsProvider.JDK;
    private Duration loginTimeout = Duration.ofSeconds(30);
    private int maxConnections = 1000;
    private Duration reloadCheckInterval = Duration.ofSeconds(2);
    private String backendHost;
    private int backendPort = 1433;
    private TlsConfig backendTls = TlsConfig.defaults();
    private Duration backendTimeout = Duration.ofSeconds(15);
    private Consumer<String> audit = System.err::println;
    private GatewayEvents events = GatewayEvents.NONE;
    private boolean preLoginRelay = true;

    private Builder() {}

    /**
     * Sets where clients connect.
     *
     * @param host a host name or IP address
     * @param port the port, 0 for an ephemeral one
     * @return this builder
     */
    public Builder listen(String host, int port) {
      this.listenHost = Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.listenPort = port;
      return this;
    }

    /**
     * Sets the server policy clients meet on the front.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder frontPolicy(ServerPolicy policy) {
      this.frontPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the front certificate and TLS settings (hot reloaded when the files change).
     *
     * @param tls the TLS settings
     * @param provider the TLS provider
     * @return this builder
     */
    public Builder frontTls(ServerTlsConfig tls, TlsProvider provider) {
      this.frontTls = Objects.requireNonNull(tls, "tls");
      this.frontProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets how long a client has to log in (the backend's answer included).
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder loginTimeout(Duration timeout) {
      this.loginTimeout = positive(timeout, "login timeout");
      return this;
    }

    /**
     * Sets the largest number of client connections open at once.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max connections must be at least 1, was " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * Sets how often the front certificate files are checked for changes.
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder reloadCheckInterval(Duration interval) {
      this.reloadCheckInterval = positive(interval, "reload check interval");
      return this;
    }

    /**
     * Sets the server the gateway relays to.
     *
     * @param host its host name or IP address (also the name checked in its certificate)
     * @param port its port
     * @return this builder
     */
    public Builder backend(String host, int port) {
      this.backendHost = Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("backend port must be 1..65535, was " + port);
      }
      this.backendPort = port;
      return this;
    }

    /**
     * Sets how the gateway connects to the backend: encryption mode, trust, TLS versions.
     *
     * @param tls the client TLS settings
     * @return this builder
     */
    public Builder backendTls(TlsConfig tls) {
      this.backendTls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Sets the limit for connecting to the backend and logging in there.
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder backendTimeout(Duration timeout) {
      this.backendTimeout = positive(timeout, "backend timeout");
      return this;
    }

    /**
     * Sets whether PRELOGIN is relayed: the backend connection opens at the client's PRELOGIN, the
     * client's options (VERSION, INSTOPT, THREADID, MARS, TRACEID, FEDAUTHREQUIRED, NONCE) go to the
     * backend with the gateway's own ENCRYPTION byte, and the client gets the backend's options
     * with the front policy's. Off, the gateway answers PRELOGIN itself and connects at LOGIN7 (as
     * it always does for a client that sends LOGIN7 with no PRELOGIN).
     *
     * @param relay true (the default) to relay PRELOGIN
     * @return this builder
     */
    public Builder preLoginRelay(boolean relay) {
      this.preLoginRelay = relay;
      return this;
    }

    /**
     * Sets where the audit lines go.
     *
     * @param sink takes one JSON object per connection, without a line break
     * @return this builder
     */
    public Builder audit(Consumer<String> sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Sets who is told what happens to connections, for example {@code
     * io.tdstls.metrics.GatewayMetrics} for Prometheus.
     *
     * @param events the watcher (thread-safe, quick, never throwing)
     * @return this builder
     */
    public Builder events(GatewayEvents events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if no backend is set, or the front needs a certificate and has none
     */
    public GatewayConfig build() {
      if (backendHost == null) {
        throw new IllegalStateException("a backend is required: backend(host, port)");
      }
      if (frontTls == null && frontPolicy.encryption() != ServerEncryption.NOT_SUPPORTED) {
        throw new IllegalStateException("the front needs a certificate (frontTls) unless its encryption is not supported");
      }
      return new GatewayConfig(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the " + what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
