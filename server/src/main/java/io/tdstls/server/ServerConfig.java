package io.tdstls.server;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.error.TlsHandshakeException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

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

    private Builder() {}

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
