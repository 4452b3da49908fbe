package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.negotiation.TlsNegotiationMode;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Creates client {@link SSLEngine}s for a {@link TlsConfig}. The {@link SSLContext} is built once,
 * when the factory is created (reading every CA, trust store, CRL, pin and client key file), and
 * reused for every connection.
 *
 * <p>Each engine:
 *
 * <ul>
 *   <li>is in client mode, with the peer host and port set (so sessions can be resumed);
 *   <li>enables the configured TLS versions, capped at TLS 1.2 on the TDS 7.x path ({@link
 *       TlsNegotiationMode#POST_PRE_LOGIN}) and never below TLS 1.2 on the strict path; TLS 1.0
 *       and 1.1 only with {@link TlsConfig#legacyTlsEnabled()};
 *   <li>enables the configured cipher suites, if any;
 *   <li>sends SNI with the host, unless the host is an IP literal;
 *   <li>offers ALPN {@code tds/8.0} on the strict path only;
 *   <li>logs a WARNING when {@link TlsConfig#trustServerCertificate()} turns validation off, or
 *       when a login-only session in optional mode skips it (no trust configured);
 *   <li>verifies the server with {@link ServerCertificateTrustManager} (not the JDK's {@code
 *       HTTPS} endpoint identification, so {@code hostNameInCertificate} works);
 *   <li>presents the {@link TlsConfig#clientAuth()} certificate on the strict path only;
 *   <li>resumes sessions: the contexts are kept for the factory's life and each engine is created
 *       with the peer host and port, so the JDK's client session cache resumes a TLS 1.2 session
 *       (ID or ticket) or a TLS 1.3 one (pre-shared key from the server's NewSessionTicket) on a
 *       later connection to the same host and port; with {@link TlsConfig#sessionResumption()}
 *       off the engine is created without a peer host and port, so the JDK neither looks a session
 *       up nor stores one (the host it checks the certificate against is kept by the factory).
 * </ul>
 *
 * <pre>{@code
 * ClientEngineFactory tls = new ClientEngineFactory(config);
 * SSLEngine engine = tls.newEngine("db.example.com", 1433, TlsNegotiationMode.STRICT);
 * // ... drive the handshake ...
 * TlsInfo facts = tls.handshakeCompleted(engine);
 * }</pre>
 *
 * <p><b>Legacy TLS.</b> SunJSSE applies {@code jdk.tls.disabledAlgorithms} (which lists {@code
 * TLSv1, TLSv1.1}) to every context after any {@link java.security.AlgorithmConstraints} set in
 * {@link SSLParameters}, so no per-context setting can re-enable them. With {@code
 * legacyTlsEnabled} this factory offers them; the JVM must also have them removed from that
 * property (in {@code java.security}, or with {@code -Djava.security.properties=file}). The
 * factory logs a WARNING when that is not the case.
 */
public final class ClientEngineFactory implements ClientEngines {

  /** The ALPN protocol of TDS 8.0. */
  public static final String ALPN_TDS_8 = "tds/8.0";

  private static final System.Logger LOG = System.getLogger("io.tdstls.tls");

  private final TlsConfig config;
  private final SSLContext preLoginContext;
  private final SSLContext strictContext;
  private final SSLContext loginOnlyContext;
  private final RecordingTrustManager trust;
  private final RecordingTrustManager loginOnlyTrust;
  private final KeyManager[] clientKeys;
  /** The host of each engine created without a peer host (session resumption off). */
  private final Map<SSLEngine, String> anonymousHosts = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Builds the factory and its context.
   *
   * @param config the client configuration
   * @throws TdsConfigException if a file cannot be read, or a cipher suite is not supported
   */
  public ClientEngineFactory(TlsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.trust = new RecordingTrustManager(new PeerHostTrustManager(ServerCertificateTrustManager.create(config),
        anonymousHosts));
    this.loginOnlyTrust = validates(true) ? trust : new RecordingTrustManager(new PeerHostTrustManager(
        ServerCertificateTrustManager.create(config.toBuilder().dangerous().trustServerCertificate(true).build()),
        anonymousHosts));
    this.clientKeys = config.clientAuth().isPresent() ? clientKeyManagers(config) : null;
    this.preLoginContext = context(null, new TrustManager[] {trust});
    this.strictContext = clientKeys != null ? context(clientKeys, new TrustManager[] {trust}) : preLoginContext;
    this.loginOnlyContext = loginOnlyTrust == trust ? preLoginContext : context(null, new TrustManager[] {loginOnlyTrust});
    checkCipherSuites(config.cipherSuites(), preLoginContext);
    if (config.legacyTlsEnabled() && !ProtocolVersions.jdkAllowsLegacy(preLoginContext)) {
      LOG.log(Level.WARNING, "TLS 1.0/1.1 are enabled in the configuration, but this JVM disables them in the"
          + " jdk.tls.disabledAlgorithms security property: remove TLSv1 and TLSv1.1 from it (java.security or"
          + " -Djava.security.properties=file) to reach a server that cannot do TLS 1.2");
    }
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration the factory was built from
   */
  @Override
  public TlsConfig config() {
    return config;
  }

  /**
   * Names the TLS implementation.
   *
   * @return {@code "jdk"}
   */
  @Override
  public String provider() {
    return "jdk";
  }

  /**
   * Creates an engine for one connection.
   *
   * @param host the host connected to: the SNI name (unless an IP literal) and the name the
   *     certificate is checked against (unless {@link TlsConfig#hostNameInCertificate()} is set)
   * @param port the port connected to
   * @param path the TDS 7.x or the strict (TDS 8.0) path
   * @return a client engine, handshake not started
   * @throws TdsConfigException if no TLS version is left for the path
   */
  @Override
  public SSLEngine newEngine(String host, int port, TlsNegotiationMode path) {
    return newEngine(host, port, path, false);
  }

  /**
   * Creates an engine for one connection, knowing whether the session negotiated login-only
   * encryption. In optional mode a login-only engine accepts the server certificate without
   * validation unless trust was configured ({@link TlsConfig#trustConfigured()}), as Microsoft's
   * drivers and FreeTDS do: anyone on the path can downgrade optional mode to no encryption at all,
   * so validating there protects nothing and refuses connections safer than the cleartext ones it
   * accepts. It logs a WARNING "certificate not validated (optional mode)".
   *
   * @param host the host connected to
   * @param port the port connected to
   * @param path the TDS 7.x or the strict (TDS 8.0) path
   * @param loginOnly whether TLS protects only the login
   * @return a client engine, handshake not started
   * @throws TdsConfigException if no TLS version is left for the path
   */
  @Override
  public SSLEngine newEngine(String host, int port, TlsNegotiationMode path, boolean loginOnly) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    boolean skipValidation = loginOnly && path == TlsNegotiationMode.POST_PRE_LOGIN && !validates(true);
    if (config.trustServerCertificate()) {
      LOG.log(Level.WARNING, "the certificate of {0} will be accepted without validation (trustServerCertificate):"
          + " anyone able to intercept this connection can read the password and the data", host);
    } else if (skipValidation) {
      LOG.log(Level.WARNING, "{0}: certificate not validated (optional mode): TLS protects only the login, and"
          + " anyone on the path could have removed it; configure a CA file, trust store or pin to validate it, or use"
          + " mandatory or strict", host);
    }
    SSLContext context = path == TlsNegotiationMode.STRICT ? strictContext
        : skipValidation ? loginOnlyContext : preLoginContext;
    SSLEngine engine;
    if (config.sessionResumption()) {
      engine = context.createSSLEngine(host, port);
    } else {
      // no peer host and port: the JDK's client session cache is keyed by them, so nothing is looked up or kept
      engine = context.createSSLEngine();
      anonymousHosts.put(engine, host);
    }
    engine.setUseClientMode(true);
    applyParameters(engine, config, host, path);
    return engine;
  }

  /**
   * Sets an engine's TLS versions for the path, the cipher suites, SNI (unless the host is an IP
   * literal), ALPN {@code tds/8.0} on the strict path (for providers that take it from {@link
   * SSLParameters}), and no endpoint identification (the trust manager checks the host name).
   *
   * @param engine a client engine
   * @param config the configuration
   * @param host the host connected to
   * @param path the path
   * @throws TdsConfigException if no TLS version is left for the path
   */
  public static void applyParameters(SSLEngine engine, TlsConfig config, String host, TlsNegotiationMode path) {
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(protocols(config, path));
    if (!config.cipherSuites().isEmpty()) {
      params.setCipherSuites(config.cipherSuites().toArray(new String[0]));
    }
    params.setServerNames(serverNames(host));
    params.setApplicationProtocols(path == TlsNegotiationMode.STRICT ? new String[] {ALPN_TDS_8} : new String[0]);
    params.setEndpointIdentificationAlgorithm(null);
    engine.setSSLParameters(params);
  }

  /**
   * Returns the TLS versions a path enables: capped at TLS 1.2 on the TDS 7.x path, never below
   * TLS 1.2 on the strict path, TLS 1.0 and 1.1 only with legacy TLS.
   *
   * @param config the configuration
   * @param path the path
   * @return JSSE protocol names, newest first
   * @throws TdsConfigException if no version is left, saying which setting to change
   */
  public static String[] protocols(TlsConfig config, TlsNegotiationMode path) {
    return ProtocolVersions.enabled(config.minProtocolVersion(), config.maxProtocolVersion(),
        config.legacyTlsEnabled(), path);
  }

  @Override
  public boolean resumed(SSLEngine engine) {
    return !trust.checked(engine) && !loginOnlyTrust.checked(engine);
  }

  @Override
  public void release(SSLEngine engine) {
    trust.forget(engine);
    loginOnlyTrust.forget(engine);
    anonymousHosts.remove(engine);
  }

  /** Checks the server against the engine's peer host, or the host kept for an engine made without one. */
  private static final class PeerHostTrustManager extends ForwardingTrustManager {
    private final ServerCertificateTrustManager verifier;
    private final Map<SSLEngine, String> hosts;

    PeerHostTrustManager(ServerCertificateTrustManager delegate, Map<SSLEngine, String> hosts) {
      super(delegate);
      this.verifier = delegate;
      this.hosts = hosts;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      String host = engine == null ? null : engine.getPeerHost() != null ? engine.getPeerHost() : hosts.get(engine);
      verifier.verify(chain, host);
    }
  }

  /**
   * Tells whether this factory's engines validate the server certificate.
   *
   * @param loginOnly for a login-only session (optional mode) or not
   * @return false with {@code trustServerCertificate}, and for a login-only session without
   *     configured trust; true otherwise
   */
  @Override
  public boolean validates(boolean loginOnly) {
    if (config.trustServerCertificate()) {
      return false;
    }
    return !loginOnly || config.mode() != EncryptMode.OPTIONAL || config.trustConfigured();
  }

  /**
   * Reads what a completed handshake settled, and logs a WARNING if it settled on TLS 1.0 or 1.1.
   * Call it once the engine's handshake status is {@code FINISHED}.
   *
   * @param engine an engine of this factory
   * @return protocol, cipher suite, ALPN, SNI sent and the server's chain
   */
  @Override
  public TlsInfo handshakeCompleted(SSLEngine engine) {
    TlsInfo facts = TlsInfo.of(engine);
    if (facts.isLegacy()) {
      LOG.log(Level.WARNING, "{0} negotiated with {1}: this version is obsolete and weak; upgrade the server"
          + " to TLS 1.2", facts.protocol(), engine.getPeerHost());
    }
    return facts;
  }

  private static List<SNIServerName> serverNames(String host) {
    if (IpLiteral.isIpLiteral(host)) {
      return List.of();
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    try {
      return List.of(new SNIHostName(name));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.DEBUG, "no SNI for {0}: not a valid SNI host name", host);
      return List.of();
    }
  }

  private static KeyManager[] clientKeyManagers(TlsConfig config) {
    return KeyManagers.of(config.clientAuth().orElseThrow().load());
  }

  /**
   * Creates and initialises a TLS context.
   *
   * @param keyManagers the key managers, or {@code null}
   * @param trustManagers the trust managers, or {@code null} for the JDK's
   * @return the context
   */
  static SSLContext context(KeyManager[] keyManagers, TrustManager[] trustManagers) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no usable TLS implementation", e);
    }
  }

  /**
   * Checks that every configured cipher suite is supported.
   *
   * @param suites the configured suites
   * @param context the context
   * @throws TdsConfigException naming the first unsupported suite
   */
  static void checkCipherSuites(List<String> suites, SSLContext context) {
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
    for (String suite : suites) {
      if (!supported.contains(suite)) {
        throw new TdsConfigException("cipher suite '" + suite + "' is not supported by this JDK: use JSSE names such"
            + " as TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
      }
    }
  }
}
