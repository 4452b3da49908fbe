package io.tdstls.tls;

import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.tls.pki.CertificateFiles;
import io.tdstls.tls.pki.CertificateFingerprint;
import io.tdstls.tls.pki.CertifiedKey;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * Creates server {@link SSLEngine}s for a {@link ServerTlsConfig}.
 *
 * <ul>
 *   <li>The TDS 7.x path ({@link TlsNegotiationMode#POST_PRE_LOGIN}) is capped at TLS 1.2, and
 *       never asks for a client certificate.
 *   <li>The strict path accepts TLS 1.2 and 1.3 (within the configured range), selects ALPN {@code
 *       tds/8.0} when the client offers it without requiring ALPN, refuses an offer without
 *       {@code tds/8.0} with {@code no_application_protocol}, and asks for a client
 *       certificate as {@link ServerTlsConfig#clientCertificateMode()} says.
 * </ul>
 *
 * <p>The current {@link SSLContext} is held in an {@link AtomicReference}: {@link #reload()}
 * re-reads the certificate and CA files and swaps it in; engines already created keep the old one.
 *
 * <pre>{@code
 * ServerEngineFactory tls = new ServerEngineFactory(config);
 * System.out.println("certificate SHA-256 " + tls.certificateSha256());
 * SSLEngine engine = tls.newEngine(TlsNegotiationMode.STRICT);
 * }</pre>
 */
public final class ServerEngineFactory {

  private static final System.Logger LOG = System.getLogger("io.tdstls.tls");

  /** A loaded context with the key it serves. */
  private record Loaded(SSLContext context, CertifiedKey key) {}

  private final ServerTlsConfig config;
  private final AtomicReference<Loaded> current = new AtomicReference<>();
  private volatile FileStamp stamp;

  /**
   * Builds the factory, reading the certificate, key and client CA files.
   *
   * @param config the server configuration
   * @throws io.tdstls.error.TdsConfigException if a file cannot be read, the key does not fit, or
   *     a cipher suite is not supported
   */
  public ServerEngineFactory(ServerTlsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.stamp = FileStamp.of(config.watchedFiles());
    current.set(load());
  }

  /**
   * Reloads the material if any watched file ({@link ServerTlsConfig#watchedFiles()}) changed
   * since it was last read (modification time or size). Open connections keep the engines they
   * have; new connections get the new certificate. A file that cannot be read (for example while
   * it is being replaced) leaves the current material in use and logs a WARNING.
   *
   * @return whether new material is now in use
   */
  public boolean reloadIfChanged() {
    FileStamp now = FileStamp.of(config.watchedFiles());
    if (now.equals(stamp)) {
      return false;
    }
    stamp = now;
    try {
      reload();
      return true;
    } catch (io.tdstls.error.TdsConfigException e) {
      LOG.log(Level.WARNING, "the certificate files changed but cannot be loaded; the current certificate stays in use: {0}",
          e.getMessage());
      return false;
    }
  }


  /**
   * Re-reads the certificate, key and client CA files and uses them for new engines. If reading
   * fails, the current material stays in use.
   *
   * @throws io.tdstls.error.TdsConfigException if a file cannot be read or parsed
   */
  public void reload() {
    Loaded loaded = load();
    current.set(loaded);
    LOG.log(Level.INFO, "TLS certificate reloaded: SHA-256 {0}", CertificateFingerprint.sha256(loaded.key().leaf()));
  }

  /**
   * Creates an engine for one accepted connection.
   *
   * @param path the TDS 7.x or the strict (TDS 8.0) path
   * @return a server engine, handshake not started
   * @throws io.tdstls.error.TdsConfigException if no TLS version is left for the path
   */
  public SSLEngine newEngine(TlsNegotiationMode path) {
    Objects.requireNonNull(path, "path");
    SSLEngine engine = current.get().context().createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(ProtocolVersions.enabled(config.minProtocolVersion(), config.maxProtocolVersion(),
        config.legacyTlsEnabled(), path));
    if (!config.cipherSuites().isEmpty()) {
      params.setCipherSuites(config.cipherSuites().toArray(new String[0]));
    }
    if (path == TlsNegotiationMode.STRICT) {
      params.setNeedClientAuth(config.clientCertificateMode() == ClientCertificateMode.REQUIRED);
      if (config.clientCertificateMode() == ClientCertificateMode.OPTIONAL) {
        params.setWantClientAuth(true);
      }
    } else {
      params.setNeedClientAuth(false);
      params.setWantClientAuth(false);
    }
    engine.setSSLParameters(params);
    if (path == TlsNegotiationMode.STRICT) {
      // null for an offer without tds/8.0: the engine answers no_application_protocol (RFC 7301 3.2)
      engine.setHandshakeApplicationProtocolSelector((e, offered) ->
          offered.isEmpty() ? "" : offered.contains(ClientEngineFactory.ALPN_TDS_8) ? ClientEngineFactory.ALPN_TDS_8 : null);
    }
    return engine;
  }

  /**
   * Reads what a completed handshake settled, and logs a WARNING if it settled on TLS 1.0 or 1.1.
   * Call it once the engine's handshake status is {@code FINISHED}.
   *
   * @param engine an engine of this factory
   * @return protocol, cipher suite, ALPN, SNI received and the client's chain (if it sent one)
   */
  public TlsInfo handshakeCompleted(SSLEngine engine) {
    TlsInfo facts = TlsInfo.of(engine);
    if (facts.isLegacy()) {
      LOG.log(Level.WARNING, "{0} negotiated with a client: this version is obsolete and weak; upgrade the"
          + " client to TLS 1.2", facts.protocol());
    }
    return facts;
  }

  /**
   * Returns the SHA-256 fingerprint of the server certificate in use, for clients to pin.
   *
   * @return the fingerprint
   */
  public CertificateFingerprint certificateSha256() {
    return CertificateFingerprint.sha256(current.get().key().leaf());
  }

  /**
   * Returns the certificate chain in use.
   *
   * @return the chain, server certificate first
   */
  public List<X509Certificate> certificateChain() {
    return current.get().key().chain();
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration the factory was built from
   */
  public ServerTlsConfig config() {
    return config;
  }

  private Loaded load() {
    CertifiedKey key = config.loadCertifiedKey();
    TrustManager[] trust = null;
    if (config.clientCertificateMode() != ClientCertificateMode.NONE) {
      List<X509Certificate> cas = new ArrayList<>();
      for (Path file : config.trustedClientCaFiles()) {
        cas.addAll(CertificateFiles.readChain(file));
      }
      trust = KeyManagers.trusting(cas);
    }
    SSLContext context = ClientEngineFactory.context(KeyManagers.of(key), trust);
    ClientEngineFactory.checkCipherSuites(config.cipherSuites(), context);
    return new Loaded(context, key);
  }
}
