package io.tdstls.tls.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key algorithms {@link HeldCertificate} can generate. */
public enum KeyType {
  /** RSA with a 2048-bit modulus, signing with SHA256withRSA. */
  RSA_2048("SHA256withRSA"),
  /** ECDSA on the NIST P-256 curve (secp256r1), signing with SHA256withECDSA. */
  EC_P256("SHA256withECDSA");

  private final String signatureAlgorithm;

  KeyType(String signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /**
   * Returns the JCA signature algorithm used when a key of this type signs a certificate or CRL.
   *
   * @return for example {@code "SHA256withRSA"}
   */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * Generates a fresh key pair of this type.
   *
   * @return the key pair
   * @throws IllegalStateException if the JDK lacks the algorithm (never on a standard JDK)
   */
  public KeyPair generate() {
    try {
      if (this == RSA_2048) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + this + " keys", e);
    }
  }

  /**
   * Returns the type of an existing key.
   *
   * @param algorithm the key's {@link java.security.Key#getAlgorithm()}
   * @return {@link #RSA_2048} for {@code "RSA"}, {@link #EC_P256} for {@code "EC"}
   * @throws IllegalArgumentException for other algorithms
   */
  static KeyType forAlgorithm(String algorithm) {
    switch (algorithm) {
      case "RSA":
        return RSA_2048;
      case "EC":
        return EC_P256;
      default:
        throw new IllegalArgumentException("unsupported key algorithm " + algorithm + ": use RSA or EC");
    }
  }
}
