package io.tdstls.server;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import io.tdstls.negotiation.TlsNegotiationMode;
import javax.net.ssl.SSLEngine;

/**
 * The immutable settings of a {@link TdsServer}: where it listens, how it negotiates encryption,
 * its TLS engines, its session handler, and its limits.
 */
public final class ServerConfig {

  private final String host;
  private final int port;
  private final ServerPolicy policy;
  private final TlsEngineSource engines;
  private final PreLogin preLogin;
  private final Supplier<SessionHandler> sessions;
  private final Duration loginTimeout;
  private final int maxConnections;
  private final int maxMessageSize;
  private final int preLoginBufferLimit;
  private final long preLoginBudget;
  private final java.util.function.BooleanSupplier certificateReloader;
  private final Supplier<java.util.List<java.security.cert.X509Certificate>> certificateChain;
  private final Duration reloadCheckInterval;
  private final int writeBufferLowWaterMark;
  private final int writeBufferHighWaterMark;
  private final ServerEvents events;

  private ServerConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.policy = b.policy;
    this.engines = b.engines;
    this.preLogin = b.preLogin;
    this.sessions = b.sessions;
    this.loginTimeout = b.loginTimeout;
    this.maxConnections = b.maxConnections;
    this.maxMessageSize = b.maxMessageSize;
    this.preLoginBufferLimit = b.preLoginBufferLimit;
    this.preLoginBudget = b.preLoginBudget;
    this.certificateReloader = b.certificateReloader;
    this.certificateChain = b.certificateChain;
    this.reloadCheckInterval = b.reloadCheckInterval;
    this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
    this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    this.events = b.events;
  }

  /**
   * Returns the outbound buffer size of one connection above which the server stops answering and
   * reading from it (back-pressure towards a client that does not read its results).
   *
   * @return bytes; 256 KiB unless set
   */
  public int writeBufferHighWaterMark() {
    return writeBufferHighWaterMark;
  }

  /**
   * Returns the outbound buffer size below which a connection paused by back-pressure is answered
   * and read again.
   *
   * @return bytes; 64 KiB unless set
   */
  public int writeBufferLowWaterMark() {
    return writeBufferLowWaterMark;
  }

  /**
   * Returns who is told what happens to connections (metrics, audit).
   *
   * @return the watcher, {@link ServerEvents#NONE} unless set
   */
  public ServerEvents events() {
    return events;
  }

  /**
   * Returns the check that reloads the certificate when its files change (run every {@link
   * #reloadCheckInterval()}).
   *
   * @return the check, if the TLS engines came from {@link Builder#tls(ServerEngineFactory)} or
   *     {@link Builder#tls(ServerTlsConfig, TlsProvider)}
   */
  public java.util.Optional<java.util.function.BooleanSupplier> certificateReloader() {
    return java.util.Optional.ofNullable(certificateReloader);
  }

  /**
   * Returns the certificate chain the TLS engines serve now, asked anew at every call so that a hot
   * reload shows at once (for metrics: the certificate's expiry).
   *
   * @return the chain, server certificate first, if the TLS engines came from {@link
   *     Builder#tls(ServerEngineFactory)} or {@link Builder#tls(ServerTlsConfig, TlsProvider)}
   */
  public java.util.Optional<Supplier<java.util.List<java.security.cert.X509Certificate>>> certificateChain() {
    return java.util.Optional.ofNullable(certificateChain);
  }

  /**
   * Returns how often the certificate files are checked for changes.
   *
   * @return the interval
   */
  public Duration reloadCheckInterval() {
    return reloadCheckInterval;
  }

  /**
   * Returns a builder.
   *
   * @return a builder listening on 127.0.0.1 with an ephemeral port and SQL Server's default policy
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the address to listen on.
   *
   * @return a host name or IP address
   */
  public String host() {
    return host;
  }

  /**
   * Returns the port to listen on.
   *
   * @return the port, 0 for an ephemeral one
   */
  public int port() {
    return port;
  }

  /**
   * Returns the negotiation policy.
   *
   * @return the policy
   */
  public ServerPolicy policy() {
    return policy;
  }

  /**
   * Returns the source of server TLS engines.
   *
   * @return the source
   */
  public TlsEngineSource engines() {
    return engines;
  }

  /**
   * Returns the PRELOGIN the server answers with (the ENCRYPTION option is set per connection).
   *
   * @return the template
   */
  public PreLogin preLogin() {
    return preLogin;
  }

  /**
   * Returns the factory of per-connection session handlers.
   *
   * @return the factory
   */
  public Supplier<SessionHandler> sessions() {
    return sessions;
  }

  /**
   * Returns the time a client has from TCP connect to a completed login.
   *
   * @return the timeout
   */
  public Duration loginTimeout() {
    return loginTimeout;
  }

  /**
   * Returns the largest number of connections served at once.
   *
   * @return the limit
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * Returns the largest message accepted from a client.
   *
   * @return bytes
   */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Returns the most bytes of unfinished input one connection may make the server hold before its
   * login is accepted.
   *
   * @return bytes
   */
  public int preLoginBufferLimit() {
    return preLoginBufferLimit;
  }

  /**
   * Returns the most bytes of unfinished input all connections that have not logged in may make
   * the server hold together.
   *
   * @return bytes
   */
  public long preLoginBudget() {
    return preLoginBudget;
  }

  /** Builds a {@link ServerConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private ServerPolicy policy = ServerPolicy.sqlServerDefault();
    private TlsEngineSource engines;
    private PreLogin preLogin = PreLogin.of(new Version(16, 0, 1000, 6)).withInstance("").withThreadId(io.tdstls.protocol.prelogin.ThreadId.EMPTY).withMars(false);
    private Supplier<SessionHandler> sessions;
    private Duration loginTimeout = Duration.ofSeconds(30);
    private int maxConnections = 1000;
    private int maxMessageSize = 4 << 20;
    private int preLoginBufferLimit = 64 << 10;
    private long preLoginBudget = 32L << 20;
    private java.util.function.BooleanSupplier certificateReloader;
    private Supplier<java.util.List<java.security.cert.X509Certificate>> certificateChain;
    private Duration reloadCheckInterval = Duration.ofSeconds(2);
    private int writeBufferLowWaterMark = 64 << 10;
    private int writeBufferHighWaterMark = 256 << 10;
    private ServerEvents events = ServerEvents.NONE;

    private Builder() {}

    /**
     * Sets the back-pressure marks of each connection's outbound buffer: above {@code high} bytes
     * waiting to be sent, the server stops answering and reading that connection; below {@code
     * low} it resumes. A client that never reads its results then costs about {@code high} bytes
     * plus one answer, however many requests it sends.
     *
     * @param low the low-water mark, at least 1 KiB
     * @param high the high-water mark, at least {@code low}
     * @return this builder
     */
    public Builder writeBufferWaterMarks(int low, int high) {
      if (low < 1024 || high < low) {
        throw new IllegalArgumentException("write buffer marks need 1024 <= low <= high, were " + low + ", " + high);
      }
      this.writeBufferLowWaterMark = low;
      this.writeBufferHighWaterMark = high;
      return this;
    }

    /**
     * Sets who is told what happens to connections; use {@link ServerEvents#all} for several.
     *
     * @param events the watcher
     * @return this builder
     */
    public Builder events(ServerEvents events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Uses a TLS engine factory, and watches its certificate files: replacing them changes the
     * certificate for new connections without a restart, and without touching open ones.
     *
     * @param tls the factory
     * @return this builder
     */
    public Builder tls(ServerEngineFactory tls) {
      Objects.requireNonNull(tls, "tls");
      this.certificateReloader = tls::reloadIfChanged;
      this.certificateChain = tls::certificateChain;
      this.engines = new TlsEngineSource() {
        @Override
        public SSLEngine newEngine(TlsNegotiationMode path) {
          return tls.newEngine(path);
        }

        @Override
        public void handshakeCompleted(SSLEngine engine) {
          tls.handshakeCompleted(engine);
        }
      };
      return this;
    }

    /**
     * Terminates TLS with a provider, and watches the certificate files for hot reload.
     *
     * @param tls the TLS settings (certificate, versions, cipher suites, client certificates)
     * @param provider {@link TlsProvider#JDK} or {@link TlsProvider#OPENSSL}
     * @return this builder
     * @throws io.tdstls.error.TdsConfigException if the material cannot be loaded, or the provider
     *     is not available here
     */
    public Builder tls(ServerTlsConfig tls, TlsProvider provider) {
      if (provider == TlsProvider.JDK) {
        return tls(new ServerEngineFactory(tls));
      }
      OpenSslEngineSource openSsl = OpenSslEngineSource.create(tls);
      this.engines = openSsl;
      this.certificateReloader = openSsl::reloadIfChanged;
      this.certificateChain = openSsl::certificateChain;
      return this;
    }

    /**
     * Sets how often the certificate files are checked for changes.
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder reloadCheckInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the reload check interval must be positive");
      }
      this.reloadCheckInterval = interval;
      return this;
    }

    /**
     * Sets the address to listen on.
     *
     * @param host a host name or IP address
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 0..65535, 0 for an ephemeral port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the negotiation policy.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(ServerPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the source of server TLS engines (required unless the policy's encryption is not
     * supported).
     *
     * @param engines the source
     * @return this builder
     */
    public Builder engines(TlsEngineSource engines) {
      this.engines = engines;
      return this;
    }

    /**
     * Sets the PRELOGIN the server answers with.
     *
     * @param preLogin the template; its VERSION is the product version reported to clients
     * @return this builder
     */
    public Builder preLogin(PreLogin preLogin) {
      this.preLogin = Objects.requireNonNull(preLogin, "preLogin");
      return this;
    }

    /**
     * Answers FEDAUTHREQUIRED=0x01 to clients whose PRELOGIN carries the option, as Azure SQL does
     * when it accepts federated authentication. Microsoft's JDBC driver sends the FEDAUTH feature
     * for {@code ActiveDirectoryServicePrincipal}, {@code ActiveDirectoryIntegrated} and the
     * managed-identity values only after that answer (otherwise it logs in with a SQL password).
     * Clients then echo it in LOGIN7 (fFedAuthEcho).
     *
     * @param accepted whether token logins are accepted (see {@code LoginVerifier#acceptsTokens})
     * @return this builder
     */
    public Builder fedAuthRequired(boolean accepted) {
      this.preLogin = preLogin.withFedAuthRequired(accepted ? Boolean.TRUE : null);
      return this;
    }

    /**
     * Sets the factory of per-connection session handlers.
     *
     * @param sessions the factory
     * @return this builder
     */
    public Builder sessions(Supplier<SessionHandler> sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /**
     * Sets the time a client has from TCP connect to a completed login.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder loginTimeout(Duration timeout) {
      this.loginTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the largest number of connections served at once; more are closed at once.
     *
     * @param max the limit
     * @return this builder
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be positive");
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * Sets the largest message accepted from a client.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxMessageSize(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("maxMessageSize must be at least 4096");
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * Sets the most bytes of unfinished input (a partial packet, an unfinished message, TLS bytes
     * short of a record) one connection may make the server hold until its login is accepted;
     * beyond it the connection is closed with a logged reason. The default, 64 KiB, holds a
     * PRELOGIN, a TLS flight and a LOGIN7 with a large FEDAUTH token. After login, {@link
     * #maxMessageSize(int)} applies.
     *
     * @param bytes the limit, at least 4096
     * @return this builder
     */
    public Builder preLoginBufferLimit(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("preLoginBufferLimit must be at least 4096, was " + bytes);
      }
      this.preLoginBufferLimit = bytes;
      return this;
    }

    /**
     * Sets the most bytes of unfinished input all connections that have not logged in may make the
     * server hold together (default 32 MiB); a connection whose input would go past it is closed
     * with a logged reason.
     *
     * @param bytes the budget, at least 4096
     * @return this builder
     */
    public Builder preLoginBudget(long bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("preLoginBudget must be at least 4096, was " + bytes);
      }
      this.preLoginBudget = bytes;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public ServerConfig build() {
      if (sessions == null) {
        throw new IllegalStateException("a session handler factory is required");
      }
      if (engines == null && policy.encryption() != io.tdstls.protocol.encryption.ServerEncryption.NOT_SUPPORTED) {
        throw new IllegalStateException("TLS engines are required unless encryption is not supported");
      }
      if (engines == null) {
        engines = path -> {
          throw new TlsHandshakeException("this server has no certificate: encryption is not supported",
              "configure a certificate, or keep the policy's encryption at not supported", null);
        };
      }
      return new ServerConfig(this);
    }
  }
}
