package io.tdstls.negotiation;

import io.tdstls.tls.TlsVersion;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a completed TLS handshake settled, as a session reports it.
 *
 * @param protocol the TLS version, for example {@code "TLSv1.2"}
 * @param cipherSuite the cipher suite, for example {@code "TLS_AES_256_GCM_SHA384"}
 * @param alpn the application protocol selected by ALPN ({@code "tds/8.0"}), or empty
 * @param sniHostName the SNI host name sent by the client, or received by the server; empty if none
 * @param peerCertificates the peer's certificate chain, leaf first (empty if the peer sent none)
 */
public record TlsInfo(
    String protocol, String cipherSuite, String alpn, String sniHostName, List<X509Certificate> peerCertificates) {

  /**
   * Copies the certificate list.
   *
   * @param protocol see the record component
   * @param cipherSuite see the record component
   * @param alpn see the record component
   * @param sniHostName see the record component
   * @param peerCertificates see the record component
   */
  public TlsInfo {
    peerCertificates = List.copyOf(peerCertificates);
  }

  /**
   * Reads the facts from an engine whose handshake is complete: for a client engine, the SNI name
   * it sent; for a server engine, the one it received.
   *
   * @param engine the engine
   * @return the facts
   */
  public static TlsInfo of(SSLEngine engine) {
    SSLSession s = engine.getSession();
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : s.getPeerCertificates()) {
        if (c instanceof X509Certificate) {
          chain.add((X509Certificate) c);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      chain.clear(); // the peer sent no certificate (a client without one)
    }
    List<SNIServerName> names = engine.getUseClientMode() ? engine.getSSLParameters().getServerNames()
        : s instanceof ExtendedSSLSession ? ((ExtendedSSLSession) s).getRequestedServerNames() : null;
    String sni = "";
    if (names != null) {
      for (SNIServerName n : names) {
        if (n instanceof SNIHostName) {
          sni = ((SNIHostName) n).getAsciiName();
        }
      }
    }
    String alpn = engine.getApplicationProtocol();
    return new TlsInfo(s.getProtocol(), s.getCipherSuite(), alpn == null ? "" : alpn, sni, chain);
  }

  /**
   * Returns the negotiated version.
   *
   * @return the version, or empty for a protocol name this library does not know
   */
  public Optional<TlsVersion> version() {
    return Optional.ofNullable(TlsVersion.forJavaName(protocol));
  }

  /**
   * Tells whether a legacy version (TLS 1.0 or 1.1) was negotiated.
   *
   * @return true for TLS 1.0 and 1.1
   */
  public boolean isLegacy() {
    return version().map(TlsVersion::isLegacy).orElse(false);
  }
}
