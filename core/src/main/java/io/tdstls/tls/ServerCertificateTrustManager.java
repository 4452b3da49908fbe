package io.tdstls.tls;

import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a TDS server's certificate as a {@link TlsConfig} says, in this order:
 *
 * <ol>
 *   <li>{@link TlsConfig#trustServerCertificate()}: accept anything ({@link ClientEngineFactory}
 *       logs a WARNING for every connection that does so: a resumed session skips this check);
 *   <li>a pin ({@link TlsConfig#serverCertificate()}, {@link TlsConfig#serverCertificateSha256()}):
 *       the certificate must be exactly the pinned one; chain and host name are not checked
 *       ({@link PinMismatchCertificateException} otherwise);
 *   <li>else PKIX validation against the JDK's trust store (when {@link TlsConfig#systemTrust()}),
 *       the CA files and the trust store, with CRL checking of the server certificate when CRL
 *       files are given ({@link CertificateChainException});
 *   <li>then, when {@link TlsConfig#hostnameVerification()} is on, the host name: {@link
 *       TlsConfig#hostNameInCertificate()} if set, else the host connected to ({@link
 *       HostnameMismatchCertificateException}; see {@link HostnameMatcher}).
 * </ol>
 *
 * <p>The host connected to is the engine's {@link SSLEngine#getPeerHost()}, so one trust manager
 * (and one {@code SSLContext}) serves every connection of a configuration. Endpoint identification
 * is done here rather than by the JDK's {@code "HTTPS"} algorithm, so the override works.
 *
 * <pre>{@code
 * X509ExtendedTrustManager tm = ServerCertificateTrustManager.create(config);
 * }</pre>
 */
public final class ServerCertificateTrustManager extends X509ExtendedTrustManager {

  private static final System.Logger LOG = System.getLogger("io.tdstls.tls");

  private final TlsConfig config;
  private final String fixedHost;
  private final ChainValidator validator;
  private final CertificatePin pin;

  private ServerCertificateTrustManager(TlsConfig config, String fixedHost) {
    this.config = config;
    this.fixedHost = fixedHost;
    this.pin = CertificatePin.fromConfig(config);
    boolean validates = !config.trustServerCertificate() && pin == null;
    this.validator = validates
        ? new ChainValidator(TrustAnchors.of(config), TrustAnchors.crls(config.crlFiles()))
        : null;
  }

  /**
   * Creates the trust manager of a configuration; the expected host is taken from each engine's
   * peer host (or {@link TlsConfig#hostNameInCertificate()}).
   *
   * @param config the client configuration
   * @return the trust manager
   * @throws io.tdstls.error.TdsConfigException if a CA, trust store, CRL or pinned certificate
   *     file cannot be read
   */
  public static ServerCertificateTrustManager create(TlsConfig config) {
    return new ServerCertificateTrustManager(config, null);
  }

  /**
   * Creates a trust manager for one host, for checks made without an engine or socket.
   *
   * @param config the client configuration
   * @param host the host connected to
   * @return the trust manager
   * @throws io.tdstls.error.TdsConfigException if a CA, trust store, CRL or pinned certificate
   *     file cannot be read
   */
  public static ServerCertificateTrustManager forHost(TlsConfig config, String host) {
    return new ServerCertificateTrustManager(config, host);
  }

  /**
   * Verifies a server chain against a host.
   *
   * @param chain the chain the server sent, leaf first
   * @param host the host connected to, or {@code null} if unknown
   * @throws CertificateException a {@link PinMismatchCertificateException}, {@link
   *     CertificateChainException} or {@link HostnameMismatchCertificateException}
   */
  public void verify(X509Certificate[] chain, String host) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateChainException(CertificateProblem.INVALID, "(none: the server sent no certificate)", null);
    }
    if (config.trustServerCertificate()) {
      LOG.log(Level.DEBUG, "certificate of {0} accepted without validation (trustServerCertificate)", host);
      return;
    }
    if (pin != null) {
      pin.check(chain[0]);
      return;
    }
    validator.validate(chain);
    if (config.hostnameVerification()) {
      String expected = config.hostNameInCertificate().orElse(host);
      if (expected == null) {
        throw new HostnameMismatchCertificateException("(unknown host)", HostnameMatcher.namesIn(chain[0]));
      }
      HostnameMatcher.verify(chain[0], expected);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    verify(chain, engine == null || engine.getPeerHost() == null ? fixedHost : engine.getPeerHost());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    String host = fixedHost;
    if (socket instanceof SSLSocket) {
      SSLSession session = ((SSLSocket) socket).getHandshakeSession();
      if (session != null && session.getPeerHost() != null) {
        host = session.getPeerHost();
      }
    }
    verify(chain, host);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verify(chain, fixedHost);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("this trust manager checks TDS servers only, not clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("this trust manager checks TDS servers only, not clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this trust manager checks TDS servers only, not clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return validator == null ? new X509Certificate[0] : validator.anchorCertificates().toArray(new X509Certificate[0]);
  }
}
