package io.tdstls.tls;

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
 * What a completed handshake settled, as a session reports it.
 *
 * @param protocol the negotiated JSSE protocol name, for example {@code "TLSv1.2"}
 * @param cipherSuite the negotiated cipher suite (JSSE name)
 * @param applicationProtocol the ALPN protocol selected ({@code "tds/8.0"}), or empty if none
 * @param sniHostName the SNI host name the client sent (as the client set it, or as the server
 *     received it), or empty if none
 * @param peerCertificates the peer's certificate chain, leaf first; empty if it sent none
 */
public record NegotiatedTls(
    String protocol,
    String cipherSuite,
    Optional<String> applicationProtocol,
    Optional<String> sniHostName,
    List<X509Certificate> peerCertificates) {

  /**
   * Copies the chain.
   *
   * @param protocol the negotiated JSSE protocol name
   * @param cipherSuite the negotiated cipher suite
   * @param applicationProtocol the ALPN protocol selected, or empty
   * @param sniHostName the SNI host name the client sent, or empty
   * @param peerCertificates the peer's certificate chain
   */
  public NegotiatedTls {
    peerCertificates = List.copyOf(peerCertificates);
  }

  /**
   * Reads the facts of an engine whose handshake has completed.
   *
   * @param engine the engine
   * @return the facts
   */
  public static NegotiatedTls of(SSLEngine engine) {
    SSLSession session = engine.getSession();
    String alpn = engine.getApplicationProtocol();
    Optional<String> sni = Optional.empty();
    List<SNIServerName> names = engine.getUseClientMode() ? engine.getSSLParameters().getServerNames()
        : session instanceof ExtendedSSLSession ? ((ExtendedSSLSession) session).getRequestedServerNames() : null;
    if (names != null) {
      for (SNIServerName n : names) {
        if (n instanceof SNIHostName) {
          sni = Optional.of(((SNIHostName) n).getAsciiName());
        }
      }
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate) {
          chain.add((X509Certificate) c);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      chain.clear();
    }
    return new NegotiatedTls(session.getProtocol(), session.getCipherSuite(),
        alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), sni, chain);
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
