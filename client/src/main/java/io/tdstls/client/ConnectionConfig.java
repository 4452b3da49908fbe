package io.tdstls.client;

import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a client needs to open one connection to SQL Server: where the server is, who logs
 * in, the LOGIN7 details, the timeouts, and the TLS settings.
 *
 * <p>Immutable; made by a {@link Builder} that starts from secure defaults (port 1433, TDS 7.4,
 * mandatory encryption with full certificate validation, 15 second connect and login timeouts).
 * The builder checks each value as it is set and the combination when it builds, and every
 * {@link TdsConfigException} it throws says what to change. The three text sources (ADO.NET
 * connection strings, JDBC URLs, freetds.conf) in {@code io.tdstls.client.config} all end here.
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionConfig.builder()
 *     .host("db.example.com")
 *     .database("sales")
 *     .user("app")
 *     .password("secret".toCharArray())
 *     .tls(TlsConfig.builder().mode(EncryptMode.STRICT).build())
 *     .build();
 * }</pre>
 *
 * <p><b>TDS version and strict mode.</b> On the TDS 7.x path LOGIN7 carries the configured
 * version (7.1 to 7.4, default 7.4). In strict mode LOGIN7 always carries TDS 8.0, whatever was
 * configured: {@link #tdsVersion()} then returns 8.0. Asking for 8.0 without strict mode is an
 * error, since no server speaks TDS 8.0 over the cleartext PRELOGIN path.
 *
 * <p><b>Instances and ports.</b> With an instance name and no explicit port, the port is looked
 * up through the SQL Server Browser ({@link #resolvesPortThroughBrowser()}); an explicit port wins
 * over the instance name, as in Microsoft's drivers.
 *
 * <p>{@link #toString()} never prints the password.
 */
public final class ConnectionConfig {

  /** The SQL Server default TCP port. */
  public static final int DEFAULT_PORT = 1433;
  /**
   * The packet size requested by default: 8000, as Microsoft's JDBC driver and SqlClient request
   * (SQL Server accepts it). Larger packets mean fewer, larger TLS records in TDS 7.x, where each
   * packet is its own record; [MS-TDS]'s initial 4096 applies only until LOGIN7 negotiates this.
   */
  public static final int DEFAULT_PACKET_SIZE = 8000;
  /**
   * The largest response {@link TdsSession#execute(String)} assembles by default (32 MiB); larger
   * results are read with {@link TdsSession#executeStreaming}.
   */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 32 << 20;
  /** The smallest packet size a server accepts ([MS-TDS] 2.2.6.4, ENVCHANGE packet size). */
  public static final int MIN_PACKET_SIZE = 512;
  /** The largest packet size a server accepts. */
  public static final int MAX_PACKET_SIZE = 32767;
  /** The application name sent when none is configured. */
  public static final String DEFAULT_APPLICATION_NAME = "tds-tls";
  /** The TDS version LOGIN7 carries on the 7.x path when none is configured. */
  public static final TdsVersion DEFAULT_TDS_VERSION = TdsVersion.V7_4;
  /** The default time allowed for the TCP connect. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
  /** The default time allowed for PRELOGIN, the TLS handshake and LOGIN7 together. */
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);
  /** The longest a LOGIN7 string (user, password, application, workstation, database) may be. */
  public static final int MAX_LOGIN_FIELD_LENGTH = 128;

  private final String host;
  private final Integer explicitPort;
  private final String instanceName;
  private final String database;
  private final String user;
  private final char[] password;
  private final String applicationName;
  private final String workstationName;
  private final TdsVersion tdsVersion;
  private final int packetSize;
  private final int maxMessageSize;
  private final Duration connectTimeout;
  private final Duration loginTimeout;
  private final Duration readTimeout;
  private final Duration queryTimeout;
  private final boolean followRoutingRedirects;
  private final TlsConfig tls;
  private final ClientTlsProvider tlsProvider;
  private final ClientAuthentication authentication;

  private ConnectionConfig(Builder b, TdsVersion effectiveVersion) {
    this.host = b.host;
    this.explicitPort = b.port;
    this.instanceName = b.instanceName;
    this.database = b.database;
    this.user = b.user;
    this.password = b.password == null ? null : b.password.clone();
    this.applicationName = b.applicationName;
    this.workstationName = b.workstationName == null ? LocalHostName.get() : b.workstationName;
    this.tdsVersion = effectiveVersion;
    this.packetSize = b.packetSize;
    this.maxMessageSize = b.maxMessageSize;
    this.connectTimeout = b.connectTimeout;
    this.loginTimeout = b.loginTimeout;
    this.readTimeout = b.readTimeout;
    this.queryTimeout = b.queryTimeout;
    this.followRoutingRedirects = b.followRoutingRedirects;
    this.tls = b.tls;
    this.tlsProvider = b.tlsProvider;
    this.authentication = b.authentication;
  }

  /**
   * Returns a builder with the secure defaults; only the host must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised from this configuration. In strict mode the TDS version is left
   * unset (strict always logs in with 8.0), so switching the copy to a 7.x mode gives 7.4.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = explicitPort;
    b.instanceName = instanceName;
    b.database = database;
    b.user = user;
    b.password = password == null ? null : password.clone();
    b.applicationName = applicationName;
    b.workstationName = workstationName;
    b.tdsVersion = tdsVersion == TdsVersion.V8_0 ? null : tdsVersion;
    b.packetSize = packetSize;
    b.maxMessageSize = maxMessageSize;
    b.connectTimeout = connectTimeout;
    b.loginTimeout = loginTimeout;
    b.readTimeout = readTimeout;
    b.queryTimeout = queryTimeout;
    b.followRoutingRedirects = followRoutingRedirects;
    b.tls = tls;
    b.tlsProvider = tlsProvider;
    b.authentication = authentication;
    return b;
  }

  /**
   * Returns the server's host name or IP address (IPv6 without brackets).
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * Returns the TCP port: the explicit one, else {@value #DEFAULT_PORT}. When {@link
   * #resolvesPortThroughBrowser()} is true, the real port comes from the SQL Server Browser.
   *
   * @return the port
   */
  public int port() {
    return explicitPort == null ? DEFAULT_PORT : explicitPort;
  }

  /**
   * Returns the named instance ({@code host\instance}).
   *
   * @return the instance name, if any
   */
  public Optional<String> instanceName() {
    return Optional.ofNullable(instanceName);
  }

  /**
   * Tells whether the port must be looked up through the SQL Server Browser (UDP 1434): an
   * instance name was given and no explicit port.
   *
   * @return true when the port is not known from the configuration alone
   */
  public boolean resolvesPortThroughBrowser() {
    return instanceName != null && explicitPort == null;
  }

  /**
   * Returns the initial database.
   *
   * @return the database, if set; else the login's default database is used
   */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /**
   * Returns the SQL login name.
   *
   * @return the user, if set
   */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /**
   * Returns the password.
   *
   * @return a copy of the password, if set
   */
  public Optional<char[]> password() {
    return Optional.ofNullable(password).map(char[]::clone);
  }

  /**
   * Returns the application name sent in LOGIN7 (shown in {@code sys.dm_exec_sessions}).
   *
   * @return the name; {@value #DEFAULT_APPLICATION_NAME} by default
   */
  public String applicationName() {
    return applicationName;
  }

  /**
   * Returns the workstation name sent in LOGIN7.
   *
   * @return the name; the local host name by default
   */
  public String workstationName() {
    return workstationName;
  }

  /**
   * Returns the TDS version LOGIN7 carries: 8.0 in strict mode, else the configured 7.x version.
   *
   * @return the version; 7.4 by default
   */
  public TdsVersion tdsVersion() {
    return tdsVersion;
  }

  /**
   * Returns the packet size requested in LOGIN7; the server may answer with another.
   *
   * @return {@value #MIN_PACKET_SIZE} to {@value #MAX_PACKET_SIZE}; {@value #DEFAULT_PACKET_SIZE}
   *     by default
   */
  public int packetSize() {
    return packetSize;
  }

  /**
   * Returns the largest message accepted from the server: a response larger than this fails with
   * a {@link io.tdstls.error.MessageTooLargeException} after at most this many bytes were buffered.
   *
   * @return bytes; {@value #DEFAULT_MAX_MESSAGE_SIZE} by default
   */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Returns the time allowed for the TCP connect.
   *
   * @return the timeout; {@link Duration#ZERO} means no limit
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the time allowed for PRELOGIN, the TLS handshake and LOGIN7 together.
   *
   * @return the timeout; {@link Duration#ZERO} means no limit
   */
  public Duration loginTimeout() {
    return loginTimeout;
  }

  /**
   * Returns the time allowed to wait for each read while a query runs.
   *
   * @return the timeout; {@link Duration#ZERO} (the default) means no limit
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * Returns the time a query ({@link TdsSession#execute(String)}) may take. When it runs out, the
   * client sends ATTENTION (cancel) and waits a bounded time for the server's acknowledgement: if
   * it comes, the call fails with a {@link io.tdstls.error.TdsTimeoutException} and the session
   * stays usable; if not, the connection is closed and the call fails the same way.
   *
   * @return the timeout; {@link Duration#ZERO} (the default) means no limit
   */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /**
   * Tells whether a routing ENVCHANGE (Azure SQL gateway, availability group read-only routing)
   * is followed by connecting to the server it names.
   *
   * @return true by default
   */
  public boolean followRoutingRedirects() {
    return followRoutingRedirects;
  }

  /**
   * Returns the TLS settings, including the encryption mode.
   *
   * @return the TLS configuration
   */
  public TlsConfig tls() {
    return tls;
  }

  /**
   * Returns the TLS implementation that makes the client's engines.
   *
   * @return {@link ClientTlsProvider#JDK} by default
   */
  public ClientTlsProvider tlsProvider() {
    return tlsProvider;
  }

  /**
   * Returns how the connection authenticates.
   *
   * @return SQL password unless set otherwise
   */
  public ClientAuthentication authentication() {
    return authentication;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConnectionConfig)) {
      return false;
    }
    ConnectionConfig c = (ConnectionConfig) o;
    return host.equals(c.host) && Objects.equals(explicitPort, c.explicitPort)
        && Objects.equals(instanceName, c.instanceName) && Objects.equals(database, c.database)
        && Objects.equals(user, c.user) && Arrays.equals(password, c.password)
        && applicationName.equals(c.applicationName) && workstationName.equals(c.workstationName)
        && tdsVersion == c.tdsVersion && packetSize == c.packetSize && maxMessageSize == c.maxMessageSize
        && connectTimeout.equals(c.connectTimeout) && loginTimeout.equals(c.loginTimeout)
        && readTimeout.equals(c.readTimeout) && queryTimeout.equals(c.queryTimeout)
        && followRoutingRedirects == c.followRoutingRedirects
        && tls.equals(c.tls) && tlsProvider == c.tlsProvider && authentication == c.authentication;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, explicitPort, instanceName, database, user, applicationName, tdsVersion, packetSize, maxMessageSize, tls);
  }

  /**
   * Describes the configuration for logs; the password shows as {@code ***}.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ConnectionConfig{server=").append(host.contains(":") ? "[" + host + "]" : host);
    if (instanceName != null) {
      b.append('\\').append(instanceName);
    }
    if (explicitPort != null) {
      b.append(':').append(explicitPort);
    }
    database().ifPresent(d -> b.append(", database=").append(d));
    user().ifPresent(u -> b.append(", user=").append(u));
    if (password != null) {
      b.append(", password=***");
    }
    b.append(", application=").append(applicationName).append(", workstation=").append(workstationName)
        .append(", tds=").append(tdsVersion).append(", packetSize=").append(packetSize)
        .append(", maxMessageSize=").append(maxMessageSize)
        .append(", connectTimeout=").append(describe(connectTimeout))
        .append(", loginTimeout=").append(describe(loginTimeout))
        .append(", readTimeout=").append(describe(readTimeout));
    if (!queryTimeout.isZero()) {
      b.append(", queryTimeout=").append(queryTimeout);
    }
    if (!followRoutingRedirects) {
      b.append(", noRouting");
    }
    if (authentication != ClientAuthentication.sqlPassword()) {
      b.append(", authentication=").append(authentication);
    }
    if (tlsProvider != ClientTlsProvider.JDK) {
      b.append(", tlsProvider=").append(tlsProvider.label());
    }
    return b.append(", tls=").append(tls).append('}').toString();
  }

  private static String describe(Duration d) {
    return d.isZero() ? "none" : d.toString();
  }

  /** Builds a {@link ConnectionConfig}; starts from the secure defaults. */
  public static final class Builder {
    private String host;
    private Integer port;
    private String instanceName;
    private String database;
    private String user;
    private char[] password;
    private String applicationName = DEFAULT_APPLICATION_NAME;
    private String workstationName;
    private TdsVersion tdsVersion;
    private int packetSize = DEFAULT_PACKET_SIZE;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
    private Duration readTimeout = Duration.ZERO;
    private Duration queryTimeout = Duration.ZERO;
    private boolean followRoutingRedirects = true;
    private TlsConfig tls = TlsConfig.defaults();
    private ClientTlsProvider tlsProvider = ClientTlsProvider.JDK;
    private ClientAuthentication authentication = ClientAuthentication.sqlPassword();

    private Builder() {}

    /**
     * Sets how the connection authenticates (default: SQL password). Token and Kerberos logins
     * need the whole session encrypted: mode mandatory or strict.
     *
     * @param authentication the method
     * @return this builder
     */
    public Builder authentication(ClientAuthentication authentication) {
      this.authentication = Objects.requireNonNull(authentication, "authentication");
      return this;
    }

    /**
     * Logs in with an access token held by the application (JDBC {@code accessToken}); shorthand
     * for {@code authentication(ClientAuthentication.accessToken(token))}.
     *
     * @param token the token (for Entra ID, a JWT)
     * @return this builder
     */
    public Builder accessToken(String token) {
      return authentication(ClientAuthentication.accessToken(token));
    }

    /**
     * Sets the server's host name or IP address. An IPv6 address may be given with or without
     * brackets.
     *
     * @param host the host
     * @return this builder
     * @throws TdsConfigException if the host is blank
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      String h = host.trim();
      if (h.length() > 2 && h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      if (h.isEmpty()) {
        throw new TdsConfigException("the host is empty: give the server's host name or IP address");
      }
      this.host = h;
      return this;
    }

    /**
     * Sets the TCP port. An explicit port is used even when an instance name is set.
     *
     * @param port 1 to 65535
     * @return this builder
     * @throws TdsConfigException if the port is out of range
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw TdsConfigException.invalidValue("port", Integer.toString(port), List.of("1..65535"));
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the named instance; without an explicit port its port is looked up through the SQL
     * Server Browser.
     *
     * @param instanceName the instance, or {@code null} or blank for the default instance
     * @return this builder
     */
    public Builder instanceName(String instanceName) {
      this.instanceName = blankToNull(instanceName);
      return this;
    }

    /**
     * Sets the initial database.
     *
     * @param database the database, or {@code null} or blank for the login's default
     * @return this builder
     * @throws TdsConfigException if longer than 128 characters
     */
    public Builder database(String database) {
      this.database = loginField("database", blankToNull(database));
      return this;
    }

    /**
     * Sets the SQL login name.
     *
     * @param user the login, or {@code null} or blank for none
     * @return this builder
     * @throws TdsConfigException if longer than 128 characters
     */
    public Builder user(String user) {
      this.user = loginField("user", blankToNull(user));
      return this;
    }

    /**
     * Sets the password; the array is copied, so the caller may clear its own.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     * @throws TdsConfigException if longer than 128 characters
     */
    public Builder password(char[] password) {
      if (password != null && password.length > MAX_LOGIN_FIELD_LENGTH) {
        throw new TdsConfigException("the password is longer than the " + MAX_LOGIN_FIELD_LENGTH
            + " characters LOGIN7 can carry: use a shorter password");
      }
      this.password = password == null ? null : password.clone();
      return this;
    }

    /**
     * Sets the application name sent in LOGIN7.
     *
     * @param name the name, or {@code null} or blank for {@value #DEFAULT_APPLICATION_NAME}
     * @return this builder
     * @throws TdsConfigException if longer than 128 characters
     */
    public Builder applicationName(String name) {
      String n = blankToNull(name);
      this.applicationName = n == null ? DEFAULT_APPLICATION_NAME : loginField("application name", n);
      return this;
    }

    /**
     * Sets the workstation name sent in LOGIN7.
     *
     * @param name the name, or {@code null} or blank for the local host name
     * @return this builder
     * @throws TdsConfigException if longer than 128 characters
     */
    public Builder workstationName(String name) {
      this.workstationName = loginField("workstation name", blankToNull(name));
      return this;
    }

    /**
     * Sets the TDS version LOGIN7 carries on the 7.x path. Strict mode always uses 8.0; 8.0
     * itself is only accepted together with strict mode.
     *
     * @param version 7.1 to 7.4 (or 8.0 with strict mode), or {@code null} for 7.4
     * @return this builder
     */
    public Builder tdsVersion(TdsVersion version) {
      this.tdsVersion = version;
      return this;
    }

    /**
     * Sets the packet size requested in LOGIN7.
     *
     * @param size {@value #MIN_PACKET_SIZE} to {@value #MAX_PACKET_SIZE}
     * @return this builder
     * @throws TdsConfigException if out of range
     */
    public Builder packetSize(int size) {
      if (size < MIN_PACKET_SIZE || size > MAX_PACKET_SIZE) {
        throw TdsConfigException.invalidValue("packet size", Integer.toString(size),
            List.of(MIN_PACKET_SIZE + ".." + MAX_PACKET_SIZE));
      }
      this.packetSize = size;
      return this;
    }

    /**
     * Sets the largest message accepted from the server. The client buffers a response as it
     * arrives, never by a length the server declares, and fails with a typed error once it passes
     * this limit.
     *
     * @param bytes at least 4096
     * @return this builder
     * @throws TdsConfigException if smaller than 4096
     */
    public Builder maxMessageSize(int bytes) {
      if (bytes < 4096) {
        throw TdsConfigException.invalidValue("max message size", Integer.toString(bytes), List.of("4096 or more"));
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * Sets the time allowed for the TCP connect.
     *
     * @param timeout the timeout; {@link Duration#ZERO} for no limit
     * @return this builder
     * @throws TdsConfigException if negative
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout("connect timeout", timeout);
      return this;
    }

    /**
     * Sets the time allowed for PRELOGIN, the TLS handshake and LOGIN7 together.
     *
     * @param timeout the timeout; {@link Duration#ZERO} for no limit
     * @return this builder
     * @throws TdsConfigException if negative
     */
    public Builder loginTimeout(Duration timeout) {
      this.loginTimeout = timeout("login timeout", timeout);
      return this;
    }

    /**
     * Sets the time allowed to wait for each read while a query runs.
     *
     * @param timeout the timeout; {@link Duration#ZERO} for no limit
     * @return this builder
     * @throws TdsConfigException if negative
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout("read timeout", timeout);
      return this;
    }

    /**
     * Sets the time a query may take before it is cancelled with ATTENTION ({@link
     * ConnectionConfig#queryTimeout()}).
     *
     * @param timeout the timeout; {@link Duration#ZERO} for no limit
     * @return this builder
     * @throws TdsConfigException if negative
     */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = timeout("query timeout", timeout);
      return this;
    }

    /**
     * Sets whether routing redirects are followed.
     *
     * @param follow true (the default) to connect to the server a routing ENVCHANGE names
     * @return this builder
     */
    public Builder followRoutingRedirects(boolean follow) {
      this.followRoutingRedirects = follow;
      return this;
    }

    /**
     * Sets the TLS settings, including the encryption mode.
     *
     * @param tls the TLS configuration
     * @return this builder
     */
    public Builder tls(TlsConfig tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Chooses the TLS implementation: the JDK's (the default: always available) or OpenSSL's
     * (BoringSSL through netty-tcnative, faster handshakes; checked when the {@link TdsClient} is
     * created, which fails with a {@link TdsConfigException} where it cannot load).
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder tlsProvider(ClientTlsProvider provider) {
      this.tlsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     * @throws TdsConfigException if no host is set or settings contradict each other, with what
     *     to change
     */
    public ConnectionConfig build() {
      if (host == null) {
        throw new TdsConfigException("no host: set the server's host name (Server= in a connection string,"
            + " jdbc:sqlserver://host in a JDBC URL, host = in freetds.conf)");
      }
      boolean strict = tls.mode() == EncryptMode.STRICT;
      if (tdsVersion == TdsVersion.V8_0 && !strict) {
        throw new TdsConfigException("TDS version 8.0 is only spoken in strict mode: set the encryption mode to strict"
            + " (Encrypt=strict; FreeTDS encryption = strict), or choose a TDS version from 7.1 to 7.4"
            + " (older FreeTDS releases used 8.0 as a name for 7.1)");
      }
      if (!strict && tls.minProtocolVersion() == TlsVersion.TLS_1_3) {
        throw new TdsConfigException("TLS 1.3 is only used in strict mode (TDS 8.0); the TDS 7.x path caps TLS"
            + " at 1.2: set the encryption mode to strict, or lower the minimum TLS version to 1.2");
      }
      if (authentication.method().requiresFullEncryption() && !tls.mode().requiresEncryption()) {
        throw new TdsConfigException("a " + authentication.method().label() + " login needs the whole session"
            + " encrypted, but the encryption mode is " + tls.mode().label() + " (which allows login-only or no"
            + " encryption, sending the token or Kerberos messages in clear): set Encrypt=mandatory or strict");
      }
      TdsVersion effective = strict ? TdsVersion.V8_0 : tdsVersion == null ? DEFAULT_TDS_VERSION : tdsVersion;
      return new ConnectionConfig(this, effective);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }

    private static String loginField(String what, String value) {
      if (value != null && value.length() > MAX_LOGIN_FIELD_LENGTH) {
        throw new TdsConfigException("the " + what + " is " + value.length() + " characters long; LOGIN7 carries at most "
            + MAX_LOGIN_FIELD_LENGTH + ": shorten it");
      }
      return value;
    }

    private static Duration timeout(String what, Duration timeout) {
      Objects.requireNonNull(timeout, what);
      if (timeout.isNegative()) {
        throw new TdsConfigException("the " + what + " is negative (" + timeout + "): give a positive duration,"
            + " or zero for no limit");
      }
      return timeout;
    }
  }
}
