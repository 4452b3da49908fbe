package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.pki.CertifiedKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds JSSE key and trust managers from in-memory material. */
final class KeyManagers {

  private KeyManagers() {}

  /**
   * Returns key managers presenting one key and chain, as given.
   *
   * @param key the key and chain
   * @return the key managers
   * @throws TdsConfigException if the key does not belong to the first certificate
   */
  static KeyManager[] of(CertifiedKey key) {
    requireMatchingKey(key);
    return new KeyManager[] {new SingleKeyManager(key)};
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

  /**
   * Checks that the private key belongs to the leaf certificate, by signing and verifying a
   * challenge (JSSE would only fail later, in the middle of a handshake).
   *
   * @param key the key and chain
   * @throws TdsConfigException if the key does not fit
   */
  static void requireMatchingKey(CertifiedKey key) {
    String algorithm;
    switch (key.privateKey().getAlgorithm()) {
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      default:
        return; // other key types are left to JSSE
    }
    boolean fits;
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key.privateKey());
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key.leaf().getPublicKey());
      verifier.update(challenge);
      fits = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      fits = false;
    }
    if (!fits) {
      throw new TdsConfigException("the private key does not fit the certificate "
          + key.leaf().getSubjectX500Principal().getName() + ": give the key of the first certificate of the chain");
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
