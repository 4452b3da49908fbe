package io.tdstls.gateway;

import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.client.ClientTlsProvider;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ClientEngines;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The immutable settings of a {@link TdsGateway}: its front (where clients connect, and the server
 * policy and certificate they meet) and its back: one backend ({@link Builder#backend}) or several
 * behind the one listener ({@link Builder#routes}), each with its own TLS settings and timeout.
 * Secure by default: front encryption forced with strict allowed; back encryption mandatory with
 * full certificate and host name validation.
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
  private final int preLoginBufferLimit;
  private final long preLoginBudget;
  private final RouteTable routes;
  private final ClientTlsProvider backendProvider;
  private final Map<String, ClientEngines> backendEngines;
  private final Consumer<String> audit;
  private final GatewayEvents events;
  private final RouteLogin login;
  private final Map<String, Credentials> credentials;
  private final Authenticator users;
  private final Map<String, LoginMapping> loginMappings;
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
    this.preLoginBufferLimit = b.preLoginBufferLimit;
    this.preLoginBudget = b.preLoginBudget;
    this.routes = b.resolvedRoutes;
    this.backendProvider = b.backendProvider;
    java.util.Map<String, ClientEngines> engines = new java.util.HashMap<>();
    for (GatewayRoute r : routes.routes()) {
      if (r.backendTls().mode() != io.tdstls.negotiation.EncryptMode.OFF) {
        engines.put(r.name(), backendProvider == ClientTlsProvider.JDK ? routes.engines(r)
            : backendProvider.engines(r.backendTls()));
      }
    }
    this.backendEngines = java.util.Collections.unmodifiableMap(engines);
    this.audit = b.audit;
    this.events = b.events;
    this.login = b.login;
    this.credentials = Map.copyOf(b.credentials);
    this.users = b.users;
    java.util.Map<String, LoginMapping> mappings = new java.util.HashMap<>();
    for (GatewayRoute r : routes.routes()) {
      mappings.put(r.name(), new LoginMapping(r.login(), r.credentials(), users));
    }
    this.loginMappings = Map.copyOf(mappings);
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

  /** @return the most bytes one connection may make the front buffer before its login */
  public int preLoginBufferLimit() {
    return preLoginBufferLimit;
  }

  /** @return the most bytes all connections not logged in may make the front buffer together */
  public long preLoginBudget() {
    return preLoginBudget;
  }

  /** @return the backends and what selects each (one default route with {@link Builder#backend}) */
  public RouteTable routes() {
    return routes;
  }

  /** @return the TLS implementation of the back side's engines, on every route ({@link ClientTlsProvider#JDK} by default) */
  public ClientTlsProvider backendProvider() {
    return backendProvider;
  }

  /** The engines towards a route's backend, made with {@link #backendProvider()}; {@code null} without encryption. */
  ClientEngines backendEngines(GatewayRoute route) {
    return backendEngines.get(route.name());
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
   * @return how clients of the single-backend form log in: passthrough (the default), client
   *     certificate or gateway users; with {@code routes(table)} each route has its own
   */
  public RouteLogin login() {
    return login;
  }

  /** @return the backend logins the single-backend form holds, by the key {@link #login()} names them with */
  public Map<String, Credentials> credentials() {
    return credentials;
  }

  /** @return the gateway's own users, checked in gateway users mode; empty otherwise */
  public Optional<Authenticator> users() {
    return Optional.ofNullable(users);
  }

  /** The login mapping of a route of these settings (validated by {@link Builder#build()}). */
  LoginMapping loginMapping(GatewayRoute route) {
    LoginMapping m = loginMappings.get(route.name());
    if (m == null) {
      throw new IllegalArgumentException("route '" + route.name() + "' is not one of this configuration's routes");
    }
    return m;
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
   * Tells whether the back side of some route is weaker than the defaults: no encryption, or no
   * certificate or host name validation. The gateway warns at start; the audit lines of that
   * route's connections are marked.
   *
   * @return whether a route's back side is insecure
   */
  public boolean backendInsecure() {
    return !routes.insecureRoutes().isEmpty();
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
    private Duration backendTimeout = GatewayRoute.DEFAULT_TIMEOUT;
    private int preLoginBufferLimit = 64 << 10;
    private long preLoginBudget = 32L << 20;
    private RouteTable routes;
    private RouteTable resolvedRoutes;
    private ClientTlsProvider backendProvider = ClientTlsProvider.JDK;
    private Consumer<String> audit = System.err::println;
    private GatewayEvents events = GatewayEvents.NONE;
    private RouteLogin login = RouteLogin.passthrough();
    private Map<String, Credentials> credentials = Map.of();
    private Authenticator users;
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
     * Sets the one server the gateway relays to (a single default route; replaces {@link #routes}).
     *
     * @param host its host name or IP address (also the name checked in its certificate)
     * @param port its port
     * @return this builder
     */
    public Builder backend(String host, int port) {
      this.backendHost = Objects.requireNonNull(host, "host");
      this.routes = null;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("backend port must be 1..65535, was " + port);
      }
      this.backendPort = port;
      return this;
    }

    /**
     * Sets several backends behind the listener, in place of (and replacing) {@link #backend}.
     *
     * @param routes the routes
     * @return this builder
     */
    public Builder routes(RouteTable routes) {
      this.routes = Objects.requireNonNull(routes, "routes");
      this.backendHost = null;
      return this;
    }

    /**
     * Sets the front's limits for connections that have not logged in yet (see {@link
     * io.tdstls.server.ServerConfig.Builder#preLoginBufferLimit} and {@code preLoginBudget}).
     *
     * @param perConnection the most bytes one connection may make the front buffer
     * @param total the most bytes all such connections may make it buffer together
     * @return this builder
     */
    public Builder preLoginLimits(int perConnection, long total) {
      if (perConnection < 4096 || total < 4096) {
        throw new IllegalArgumentException("pre-login limits must be at least 4 KiB each, were " + perConnection
            + " and " + total);
      }
      this.preLoginBufferLimit = perConnection;
      this.preLoginBudget = total;
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
     * Sets how the gateway connects to the backend, and which TLS implementation makes the back
     * side's engines (the front's is {@link #frontTls(ServerTlsConfig, TlsProvider)}'s).
     *
     * @param tls the client TLS settings
     * @param provider {@link ClientTlsProvider#JDK} or {@link ClientTlsProvider#OPENSSL}
     * @return this builder
     */
    public Builder backendTls(TlsConfig tls, ClientTlsProvider provider) {
      return backendTlsProvider(provider).backendTls(tls);
    }

    /**
     * Sets which TLS implementation makes the back side's engines, on every route.
     *
     * @param provider {@link ClientTlsProvider#JDK} (the default) or {@link ClientTlsProvider#OPENSSL}
     * @return this builder
     */
    public Builder backendTlsProvider(ClientTlsProvider provider) {
      this.backendProvider = Objects.requireNonNull(provider, "provider");
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
     * Sets how clients log in: their LOGIN7 passed through (the default), or checked by the
     * gateway (client certificate or gateway users) and mapped to a login from {@link
     * #credentials(Map)}.
     *
     * @param login the login mode
     * @return this builder
     */
    public Builder login(RouteLogin login) {
      this.login = Objects.requireNonNull(login, "login");
      return this;
    }

    /**
     * Sets the backend logins the gateway holds (from the configuration file: the passwords are
     * secrets, never command-line values).
     *
     * @param credentials by the key the login mode names them with
     * @return this builder
     */
    public Builder credentials(Map<String, Credentials> credentials) {
      this.credentials = Map.copyOf(credentials);
      return this;
    }

    /**
     * Sets the gateway's own users, checked in gateway users mode (for example a {@link
     * io.tdstls.server.PasswordFile} made with {@code tds-tls hash-password}).
     *
     * @param users the authenticator
     * @return this builder
     */
    public Builder users(Authenticator users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /** The routes: the table given, or the single backend's default route with the login mode set here. */
    private RouteTable routeTable() {
      if (routes != null) {
        return routes;
      }
      GatewayRoute single = GatewayRoute.single(backendHost, backendPort, backendTls, backendTimeout);
      return RouteTable.single(new GatewayRoute(single.name(), single.match(), single.backendHost(),
          single.backendPort(), single.backendTls(), single.backendTimeout(), login, credentials));
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if no backend is set, the front needs a certificate and has
     *     none, a route's certificate logins lack a client CA, or a route's login mode names
     *     credentials or users that are not set
     * @throws io.tdstls.error.TdsConfigException if the backend's TLS material cannot be loaded
     */
    public GatewayConfig build() {
      if (backendHost == null && routes == null) {
        throw new IllegalStateException("a backend is required: backend(host, port) or routes(table)");
      }
      if (frontTls == null && frontPolicy.encryption() != ServerEncryption.NOT_SUPPORTED) {
        throw new IllegalStateException("the front needs a certificate (frontTls) unless its encryption is not supported");
      }
      if (routes != null && login.mode() != RouteLogin.Mode.PASSTHROUGH) {
        throw new IllegalStateException("with routes(table), each route carries its own login mode: login(...) is for the"
            + " single-backend form");
      }
      resolvedRoutes = routeTable();
      for (GatewayRoute r : resolvedRoutes.routes()) {
        String which = routes == null ? "" : " (route " + r.name() + ")";
        if (r.login().mode() == RouteLogin.Mode.CERTIFICATE && (frontTls == null
            || frontTls.clientCertificateMode() == ClientCertificateMode.NONE || frontTls.trustedClientCaFiles().isEmpty())) {
          throw new IllegalStateException("certificate logins" + which + " need the front to ask for client certificates"
              + " and verify them against a client CA (--client-ca FILE --client-cert-mode optional|required)");
        }
        try {
          new LoginMapping(r.login(), r.credentials(), users);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(e.getMessage() + which, e);
        }
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
