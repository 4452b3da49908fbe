package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.pki.CertificateFiles;
import io.tdstls.tls.pki.KeyStoreFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Collects the trust anchors and CRLs a {@link TlsConfig} names. */
final class TrustAnchors {

  private TrustAnchors() {}

  /**
   * Returns the trusted certificates: the JDK's default trust store when {@link
   * TlsConfig#systemTrust()}, plus every CA file, plus the trust store.
   *
   * @param config the configuration
   * @return the anchors
   * @throws TdsConfigException if a file cannot be read
   */
  static Set<X509Certificate> of(TlsConfig config) {
    Set<X509Certificate> anchors = new LinkedHashSet<>();
    if (config.systemTrust()) {
      anchors.addAll(system());
    }
    for (Path caFile : config.caFiles()) {
      anchors.addAll(CertificateFiles.readChain(caFile));
    }
    config.trustStore().ifPresent(store -> anchors.addAll(KeyStoreFiles.certificates(
        KeyStoreFiles.read(store, config.trustStoreType(), config.trustStorePassword()))));
    return anchors;
  }

  /**
   * Reads every configured CRL file.
   *
   * @param crlFiles the files
   * @return the CRLs
   * @throws TdsConfigException if a file cannot be read
   */
  static List<X509CRL> crls(List<Path> crlFiles) {
    List<X509CRL> crls = new ArrayList<>();
    for (Path file : crlFiles) {
      crls.addAll(CertificateFiles.readCrls(file));
    }
    return crls;
  }

  /**
   * Returns the JDK's default trusted CA certificates ({@code cacerts}, or {@code
   * javax.net.ssl.trustStore}).
   *
   * @return the certificates
   */
  static List<X509Certificate> system() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          return Arrays.asList(((X509TrustManager) tm).getAcceptedIssuers());
        }
      }
      return List.of();
    } catch (GeneralSecurityException e) {
      throw new TdsConfigException("cannot load the JDK's default trust store: give the CA with caFile instead", e);
    }
  }
}
