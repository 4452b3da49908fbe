package io.tdstls.negotiation;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a completed TLS handshake settled.
 *
 * @param protocol the TLS version, for example {@code "TLSv1.2"}
 * @param cipherSuite the cipher suite, for example {@code "TLS_AES_256_GCM_SHA384"}
 * @param alpn the application protocol selected by ALPN ({@code "tds/8.0"}), or empty
 * @param sniHostName the SNI host name sent by the client or received by the server, or empty
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
   * Reads the facts from an engine whose handshake is complete.
   *
   * @param engine the engine
   * @param sniHostName the SNI name sent (client) or received (server), or empty
   * @return the facts
   */
  static TlsInfo of(SSLEngine engine, String sniHostName) {
    SSLSession s = engine.getSession();
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : s.getPeerCertificates()) {
        if (c instanceof X509Certificate) {
          chain.add((X509Certificate) c);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      // the peer sent no certificate (a client without one): the chain stays empty
    }
    String alpn = engine.getApplicationProtocol();
    return new TlsInfo(s.getProtocol(), s.getCipherSuite(), alpn == null ? "" : alpn, sniHostName, chain);
  }

  /**
   * Returns the SNI host name the client asked for in a client-mode engine's parameters.
   *
   * @param engine a client engine
   * @return the name, or empty when no SNI is sent
   */
  static String sniOf(SSLEngine engine) {
    List<SNIServerName> names = engine.getSSLParameters().getServerNames();
    if (names != null) {
      for (SNIServerName n : names) {
        if (n instanceof SNIHostName) {
          return ((SNIHostName) n).getAsciiName();
        }
      }
    }
    return "";
  }
}
