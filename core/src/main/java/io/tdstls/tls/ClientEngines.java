package io.tdstls.tls;

import io.tdstls.negotiation.TlsInfo;
import io.tdstls.negotiation.TlsNegotiationMode;
import javax.net.ssl.SSLEngine;

/**
 * Creates the client {@link SSLEngine}s of one {@link TlsConfig}, whichever TLS implementation
 * makes them: {@link ClientEngineFactory} (the JDK's) or the OpenSSL (BoringSSL) factory of the
 * client module. Both give the same behaviour: the TLS versions of each path, SNI, ALPN {@code
 * tds/8.0} on the strict path, validation by {@link ServerCertificateTrustManager}, the client
 * certificate on the strict path, and a client-side session cache (unless {@link
 * TlsConfig#sessionResumption()} is off) so a later connection to the same host and port resumes.
 *
 * <p>An implementation is built once per configuration and serves any number of connections,
 * from any thread.
 */
public interface ClientEngines {

  /**
   * Returns the configuration.
   *
   * @return the configuration the engines follow
   */
  TlsConfig config();

  /**
   * Names the TLS implementation.
   *
   * @return {@code "jdk"} or {@code "openssl"}
   */
  String provider();

  /**
   * Creates an engine for one connection, handshake not started.
   *
   * @param host the host connected to (SNI unless an IP literal; the name the certificate is
   *     checked against unless {@link TlsConfig#hostNameInCertificate()} is set)
   * @param port the port connected to (with the host, the key of the session cache)
   * @param path the TDS 7.x or the strict path
   * @param loginOnly whether the session negotiated login-only encryption (optional mode)
   * @return a client engine
   * @throws io.tdstls.error.TdsConfigException if no TLS version is left for the path
   */
  SSLEngine newEngine(String host, int port, TlsNegotiationMode path, boolean loginOnly);

  /**
   * Creates an engine for a session that is not login-only.
   *
   * @param host the host connected to
   * @param port the port connected to
   * @param path the TDS 7.x or the strict path
   * @return a client engine
   */
  default SSLEngine newEngine(String host, int port, TlsNegotiationMode path) {
    return newEngine(host, port, path, false);
  }

  /**
   * Tells whether this factory's engines validate the server certificate.
   *
   * @param loginOnly for a login-only session (optional mode) or not
   * @return false with {@code trustServerCertificate}, and for a login-only session without
   *     configured trust; true otherwise
   */
  boolean validates(boolean loginOnly);

  /**
   * Reads what a completed handshake settled, warning about a legacy TLS version.
   *
   * @param engine an engine of this factory, handshake finished
   * @return protocol, cipher suite, ALPN, SNI and the server's chain
   */
  TlsInfo handshakeCompleted(SSLEngine engine);

  /**
   * Tells whether an engine's completed handshake resumed an earlier session (the server's
   * certificate was then not sent, and not checked again: it was checked, with this same
   * configuration, when the session was made).
   *
   * @param engine an engine of this factory, handshake finished
   * @return whether the session was resumed
   */
  boolean resumed(SSLEngine engine);

  /**
   * Frees what an engine holds once its connection is closed (OpenSSL's native memory). A second
   * call does nothing. Does nothing by default.
   *
   * @param engine an engine of this factory
   */
  default void release(SSLEngine engine) {}
}
