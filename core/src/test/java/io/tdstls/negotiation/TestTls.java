package io.tdstls.negotiation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway self-signed certificate and engine sources for the core's in-memory tests. */
final class TestTls {

  static final String ALPN = "tds/8.0";
  static final int SAN_COUNT = 200;
  private static SSLContext server;
  private static SSLContext client;

  private TestTls() {}

  static synchronized void init() throws Exception {
    if (server != null) {
      return;
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    long now = System.currentTimeMillis();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
        new Date(now + 86_400_000L), name, kp.getPublic());
    // Many names make the certificate large, so that the server's first handshake flight spans
    // several 4096-byte PRELOGIN packets in every test.
    GeneralName[] names = new GeneralName[SAN_COUNT + 1];
    names[0] = new GeneralName(GeneralName.dNSName, "localhost");
    for (int i = 1; i <= SAN_COUNT; i++) {
      names[i] = new GeneralName(GeneralName.dNSName, "replica-" + i + ".db.tds-tls.example");
    }
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", kp.getPrivate(), new char[0], new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
  }

  static TlsEngineSource clientEngines() {
    return path -> configure(client.createSSLEngine("localhost", 1433), path, true);
  }

  static TlsEngineSource serverEngines() {
    return path -> configure(server.createSSLEngine(), path, false);
  }

  private static SSLEngine configure(SSLEngine e, TlsNegotiationMode path, boolean clientMode) {
    e.setUseClientMode(clientMode);
    SSLParameters p = e.getSSLParameters();
    if (clientMode) {
      p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("localhost")));
    }
    if (path == TlsNegotiationMode.POST_PRE_LOGIN) {
      p.setProtocols(new String[] {"TLSv1.2"});
    } else {
      p.setProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
      if (clientMode) {
        p.setApplicationProtocols(new String[] {ALPN});
      }
    }
    e.setSSLParameters(p);
    if (!clientMode && path == TlsNegotiationMode.STRICT) {
      e.setHandshakeApplicationProtocolSelector((engine, offered) -> offered.contains(ALPN) ? ALPN : null);
    }
    return e;
  }
}
