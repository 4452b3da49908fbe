package io.tdstls.tls.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with the certificate chain that certifies it, leaf first: what a TLS server (or a
 * client doing mutual TLS) presents.
 *
 * @param privateKey the private key of the leaf certificate
 * @param chain the leaf certificate, then any intermediates
 */
public record CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {

  /**
   * Checks and copies the components.
   *
   * @param privateKey the private key of the leaf certificate
   * @param chain the leaf certificate, then any intermediates; not empty
   */
  public CertifiedKey {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certified key needs at least its own certificate");
    }
  }

  /**
   * Reads a PEM certificate chain and a PEM private key.
   *
   * @param chainFile the certificate chain, leaf first
   * @param keyFile the private key (PKCS#1, PKCS#8, SEC1, possibly encrypted)
   * @param keyPassword the key's password, or {@code null} if it is not encrypted
   * @return the key and chain
   * @throws io.tdstls.error.TdsConfigException if a file cannot be read or parsed
   */
  public static CertifiedKey fromPemFiles(java.nio.file.Path chainFile, java.nio.file.Path keyFile, char[] keyPassword) {
    return new CertifiedKey(PrivateKeyFiles.read(keyFile, keyPassword), CertificateFiles.readChain(chainFile));
  }

  /**
   * Returns the leaf certificate.
   *
   * @return the first certificate of the chain
   */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
