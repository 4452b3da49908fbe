package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.pki.CertifiedKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds JSSE key and trust managers from in-memory material. */
final class KeyManagers {

  private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

  private KeyManagers() {}

  /**
   * Returns key managers presenting one key and chain.
   *
   * @param key the key and chain
   * @return the key managers
   */
  static KeyManager[] of(CertifiedKey key) {
    try {
      KeyStore store = emptyStore();
      store.setKeyEntry("key", key.privateKey(), IN_MEMORY_PASSWORD, key.chain().toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
      factory.init(store, IN_MEMORY_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new TdsConfigException("the private key does not fit its certificate chain or is unsupported ("
          + e.getClass().getSimpleName() + "): give the key of the first certificate", e);
    }
  }

  /**
   * Returns PKIX trust managers trusting some CA certificates (used by a server to check client
   * certificates).
   *
   * @param trusted the CA certificates
   * @return the trust managers
   */
  static TrustManager[] trusting(Collection<X509Certificate> trusted) {
    try {
      KeyStore store = emptyStore();
      int i = 0;
      for (X509Certificate c : trusted) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new TdsConfigException("cannot build a trust store from the CA certificates", e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
