package io.tdstls.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.FileStamp;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.CertificateFiles;
import io.tdstls.tls.pki.CertifiedKey;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Server {@link SSLEngine}s from BoringSSL ({@link TlsProvider#OPENSSL}), built from the same
 * {@link ServerTlsConfig} as the JDK's engines: the TDS 7.x path capped at TLS 1.2, the strict
 * path with TLS 1.2 and 1.3, ALPN {@code tds/8.0} selected when offered (BoringSSL cannot be told
 * to refuse a foreign offer here; {@link io.tdstls.negotiation.ServerNegotiator} refuses it from
 * the ClientHello before the engine sees it, with either provider), client certificates asked
 * for on the strict path only, and hot reload of the certificate files.
 *
 * <p>Engines and contexts are reference-counted ({@link SslProvider#OPENSSL_REFCNT}): the native
 * memory of an engine is freed when its connection closes ({@link #release(SSLEngine)}), and that
 * of a replaced context when its last engine is released, not by a finalizer at some later GC.
 */
public final class OpenSslEngineSource implements TlsEngineSource {

  private static final System.Logger LOG = System.getLogger(TdsServer.class.getName());

  /** The two contexts in use: one per path. */
  private record Contexts(SslContext preLogin, SslContext strict, List<X509Certificate> chain) {}

  private final ServerTlsConfig config;
  private final AtomicReference<Contexts> current = new AtomicReference<>();
  private final AtomicInteger live = new AtomicInteger();
  private volatile FileStamp stamp;

  private OpenSslEngineSource(ServerTlsConfig config) {
    this.config = config;
    this.stamp = FileStamp.of(config.watchedFiles());
    current.set(build(config));
  }

  /**
   * Builds the engine source.
   *
   * @param config the server's TLS settings
   * @return the source
   * @throws TdsConfigException if OpenSSL is not available here, or rejects the material
   */
  public static OpenSslEngineSource create(ServerTlsConfig config) {
    TlsProvider.OPENSSL.unavailabilityReason().ifPresent(reason -> {
      throw new TdsConfigException(reason + "; use the JDK provider");
    });
    return new OpenSslEngineSource(config);
  }

  private static Contexts build(ServerTlsConfig config) {
    CertifiedKey key = config.loadCertifiedKey();
    X509Certificate[] chain = key.chain().toArray(new X509Certificate[0]);
    try {
      SslContext preLogin = base(config, key, chain, TlsNegotiationMode.POST_PRE_LOGIN).build();
      SslContextBuilder strict = base(config, key, chain, TlsNegotiationMode.STRICT)
          .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
              SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, "tds/8.0"));
      if (config.clientCertificateMode() != ClientCertificateMode.NONE) {
        List<X509Certificate> cas = new ArrayList<>();
        for (Path f : config.trustedClientCaFiles()) {
          cas.addAll(CertificateFiles.readChain(f));
        }
        strict.trustManager(cas.toArray(new X509Certificate[0]))
            .clientAuth(config.clientCertificateMode() == ClientCertificateMode.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
      }
      return new Contexts(preLogin, strict.build(), key.chain());
    } catch (SSLException | IllegalArgumentException e) {
      throw new TdsConfigException("OpenSSL rejected the TLS settings (" + e.getMessage()
          + "): check the certificate, key and cipher suites, or use the JDK provider", e);
    }
  }

  private static SslContextBuilder base(ServerTlsConfig config, CertifiedKey key, X509Certificate[] chain,
      TlsNegotiationMode path) {
    SslContextBuilder b = SslContextBuilder.forServer(key.privateKey(), chain)
        .sslProvider(SslProvider.OPENSSL_REFCNT)
        .protocols(protocols(config, path));
    if (!config.cipherSuites().isEmpty()) {
      b.ciphers(config.cipherSuites());
    }
    return b;
  }

  private static String[] protocols(ServerTlsConfig config, TlsNegotiationMode path) {
    List<String> names = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      boolean inRange = v.compareTo(config.minProtocolVersion()) >= 0 && v.compareTo(config.maxProtocolVersion()) <= 0;
      boolean allowedOnPath = path == TlsNegotiationMode.STRICT ? !v.isLegacy() : v.compareTo(TlsVersion.TLS_1_2) <= 0;
      if (inRange && allowedOnPath && (!v.isLegacy() || config.legacyTlsEnabled())) {
        names.add(v.javaName());
      }
    }
    if (names.isEmpty()) {
      throw new TdsConfigException("no TLS version is left for the " + path + " path with "
          + config.minProtocolVersion() + ".." + config.maxProtocolVersion());
    }
    return names.toArray(new String[0]);
  }

  @Override
  public SSLEngine newEngine(TlsNegotiationMode path) {
    Contexts c = current.get();
    SSLEngine engine = (path == TlsNegotiationMode.STRICT ? c.strict() : c.preLogin()).newEngine(ByteBufAllocator.DEFAULT);
    live.incrementAndGet();
    return engine;
  }

  /**
   * Frees an engine's native memory; its connection is closed. A second call does nothing.
   *
   * @param engine an engine from {@link #newEngine(TlsNegotiationMode)}
   */
  @Override
  public void release(SSLEngine engine) {
    if (engine instanceof ReferenceCounted rc && rc.refCnt() > 0) {
      engine.closeOutbound();
      rc.release(rc.refCnt());
      live.decrementAndGet();
    }
  }

  /**
   * Returns how many engines were created and not yet released: the connections holding OpenSSL
   * state.
   *
   * @return engines alive
   */
  public int liveEngines() {
    return live.get();
  }

  /**
   * Returns the certificate chain in use (the reloaded one once a reload succeeded).
   *
   * @return the chain, server certificate first
   */
  public List<X509Certificate> certificateChain() {
    return current.get().chain();
  }

  /**
   * Rebuilds the contexts if a watched file changed ({@link ServerTlsConfig#watchedFiles()}); open
   * connections keep their engines. A file that cannot be read leaves the current contexts in use.
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
      Contexts old = current.getAndSet(build(config));
      // open connections' engines hold their own references: the old contexts live until the last goes
      ReferenceCountUtil.release(old.preLogin());
      ReferenceCountUtil.release(old.strict());
      LOG.log(Level.INFO, "TLS certificate reloaded (OpenSSL provider)");
      return true;
    } catch (TdsConfigException e) {
      LOG.log(Level.WARNING, "the certificate files changed but cannot be loaded; the current certificate stays"
          + " in use: {0}", e.getMessage());
      return false;
    }
  }
}
