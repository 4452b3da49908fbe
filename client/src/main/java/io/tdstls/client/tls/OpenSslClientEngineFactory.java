package io.tdstls.client.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCounted;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.ClientEngineFactory;
import io.tdstls.tls.ClientEngines;
import io.tdstls.tls.RecordingTrustManager;
import io.tdstls.tls.ServerCertificateTrustManager;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.CertifiedKey;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Client {@link SSLEngine}s from BoringSSL (netty-tcnative), made from the same {@link TlsConfig}
 * as the JDK's {@link ClientEngineFactory} and driven by the negotiation core the same way (they
 * are plain {@code SSLEngine}s):
 *
 * <ul>
 *   <li>one Netty {@link SslContext} per path, built once: the TDS 7.x one with the versions capped
 *       at TLS 1.2, the strict one with ALPN {@code tds/8.0} and the client certificate;
 *   <li>the server certificate is checked by {@link ServerCertificateTrustManager} (CA files, trust
 *       store, CRLs, pins, the host name or {@code hostNameInCertificate}); OpenSSL's own host name
 *       check (endpoint identification) is off, as in the JDK factory;
 *   <li>SNI with the host, unless it is an IP literal;
 *   <li>Netty's client session cache, keyed by host and port: TLS 1.2 sessions (by ID) and TLS 1.3
 *       tickets are resumed, unless {@link TlsConfig#sessionResumption()} is off;
 *   <li>engines hold native memory: {@link #release(SSLEngine)} frees it when the connection
 *       closes (a finalizer remains as a safety net).
 * </ul>
 *
 * <p>Cipher suites are given with their JSSE names, as for the JDK; TLS 1.3 suites are BoringSSL's
 * fixed set.
 */
public final class OpenSslClientEngineFactory implements ClientEngines {

  private static final System.Logger LOG = System.getLogger("io.tdstls.tls");

  private final TlsConfig config;
  private final RecordingTrustManager trust;
  private final RecordingTrustManager loginOnlyTrust;
  private final SslContext preLogin;
  private final SslContext loginOnly;
  private final SslContext strict;
  private final AtomicInteger live = new AtomicInteger();
  private final ClientEngineFactory rules;

  private OpenSslClientEngineFactory(TlsConfig config) {
    this.config = config;
    // the JDK factory holds the shared rules: when validation happens, the warnings, legacy checks
    this.rules = new ClientEngineFactory(config);
    this.trust = new RecordingTrustManager(ServerCertificateTrustManager.create(config));
    this.loginOnlyTrust = rules.validates(true) ? trust : new RecordingTrustManager(
        ServerCertificateTrustManager.create(config.toBuilder().dangerous().trustServerCertificate(true).build()));
    boolean strictMode = config.mode() == EncryptMode.STRICT;
    this.preLogin = strictMode ? null : context(trust, TlsNegotiationMode.POST_PRE_LOGIN);
    this.loginOnly = strictMode ? null : loginOnlyTrust == trust ? preLogin
        : context(loginOnlyTrust, TlsNegotiationMode.POST_PRE_LOGIN);
    this.strict = hasVersions(TlsNegotiationMode.STRICT) ? context(trust, TlsNegotiationMode.STRICT) : null;
  }

  /**
   * Builds the factory.
   *
   * @param config the client's TLS settings
   * @return the factory
   * @throws TdsConfigException if OpenSSL is not available here, or rejects the settings
   */
  public static OpenSslClientEngineFactory create(TlsConfig config) {
    Objects.requireNonNull(config, "config");
    unavailabilityReason().ifPresent(reason -> {
      throw new TdsConfigException(reason + "; use the JDK provider");
    });
    return new OpenSslClientEngineFactory(config);
  }

  /**
   * Says why OpenSSL engines cannot be made in this JVM.
   *
   * @return the reason, or empty when they can
   */
  public static Optional<String> unavailabilityReason() {
    if (OpenSsl.isAvailable()) {
      return Optional.empty();
    }
    Throwable cause = OpenSsl.unavailabilityCause();
    return Optional.of("the OpenSSL provider's native library (netty-tcnative-boringssl-static) does not load on this"
        + " platform" + (cause == null ? "" : ": " + cause.getMessage()));
  }

  private boolean hasVersions(TlsNegotiationMode path) {
    try {
      ClientEngineFactory.protocols(config, path);
      return true;
    } catch (TdsConfigException e) {
      return false;
    }
  }

  private SslContext context(RecordingTrustManager tm, TlsNegotiationMode path) {
    SslContextBuilder b = SslContextBuilder.forClient()
        .sslProvider(SslProvider.OPENSSL)
        .trustManager(tm)
        .endpointIdentificationAlgorithm(null)
        .protocols(ClientEngineFactory.protocols(config, path));
    if (!config.cipherSuites().isEmpty()) {
      b.ciphers(config.cipherSuites());
    }
    if (path == TlsNegotiationMode.STRICT) {
      b.applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
          SelectedListenerFailureBehavior.ACCEPT, ClientEngineFactory.ALPN_TDS_8));
      if (config.clientAuth().isPresent()) {
        CertifiedKey key = config.clientAuth().get().load();
        b.keyManager(key.privateKey(), key.chain().toArray(new X509Certificate[0]));
      }
    }
    try {
      SslContext context = b.build();
      if (!config.sessionResumption()) {
        ((OpenSslSessionContext) context.sessionContext()).setSessionCacheEnabled(false);
      }
      return context;
    } catch (SSLException | IllegalArgumentException e) {
      throw new TdsConfigException("OpenSSL rejected the client TLS settings (" + e.getMessage()
          + "): check the cipher suites and the client certificate, or use the JDK provider", e);
    }
  }

  @Override
  public TlsConfig config() {
    return config;
  }

  /**
   * Names the TLS implementation.
   *
   * @return {@code "openssl"}
   */
  @Override
  public String provider() {
    return "openssl";
  }

  @Override
  public SSLEngine newEngine(String host, int port, TlsNegotiationMode path, boolean loginOnlySession) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    boolean skipValidation = loginOnlySession && path == TlsNegotiationMode.POST_PRE_LOGIN && !validates(true);
    if (config.trustServerCertificate()) {
      LOG.log(Level.WARNING, "the certificate of {0} will be accepted without validation (trustServerCertificate):"
          + " anyone able to intercept this connection can read the password and the data", host);
    } else if (skipValidation) {
      LOG.log(Level.WARNING, "{0}: certificate not validated (optional mode): TLS protects only the login, and"
          + " anyone on the path could have removed it; configure a CA file, trust store or pin to validate it, or use"
          + " mandatory or strict", host);
    }
    SslContext context = path == TlsNegotiationMode.STRICT ? strict : skipValidation ? loginOnly : preLogin;
    if (context == null) {
      ClientEngineFactory.protocols(config, path); // throws, saying which setting to change
      throw new TdsConfigException("the " + path + " path is not usable in " + config.mode().label() + " mode");
    }
    SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT, host, port);
    live.incrementAndGet();
    try {
      ClientEngineFactory.applyParameters(engine, config, host, path);
    } catch (RuntimeException e) {
      release(engine);
      throw e;
    }
    return engine;
  }

  @Override
  public boolean validates(boolean loginOnlySession) {
    return rules.validates(loginOnlySession);
  }

  @Override
  public TlsInfo handshakeCompleted(SSLEngine engine) {
    return rules.handshakeCompleted(engine);
  }

  @Override
  public boolean resumed(SSLEngine engine) {
    return !trust.checked(engine) && !loginOnlyTrust.checked(engine);
  }

  /**
   * Frees an engine's native memory; its connection is closed. A second call does nothing.
   *
   * @param engine an engine of this factory
   */
  @Override
  public void release(SSLEngine engine) {
    trust.forget(engine);
    loginOnlyTrust.forget(engine);
    if (engine instanceof ReferenceCounted rc && rc.refCnt() > 0) {
      engine.closeOutbound();
      rc.release(rc.refCnt());
      live.decrementAndGet();
    }
  }

  /**
   * Returns how many engines were created and not yet released.
   *
   * @return engines holding native memory
   */
  public int liveEngines() {
    return live.get();
  }
}
