package io.tdstls.tls.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, printed as {@code openssl x509
 * -fingerprint -sha256} prints it: upper-case hex bytes separated by colons.
 *
 * <pre>{@code
 * CertificateFingerprint fp = CertificateFingerprint.sha256(certificate);
 * System.out.println(fp); // 3B:0A:...:9F
 * }</pre>
 */
public final class CertificateFingerprint {

  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

  private final byte[] digest;

  private CertificateFingerprint(byte[] digest) {
    this.digest = digest.clone();
  }

  /**
   * Computes the SHA-256 fingerprint of a certificate.
   *
   * @param certificate the certificate
   * @return its fingerprint
   * @throws IllegalArgumentException if the certificate cannot be encoded
   */
  public static CertificateFingerprint sha256(X509Certificate certificate) {
    try {
      return new CertificateFingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded: " + certificate.getSubjectX500Principal(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Wraps a SHA-256 digest computed elsewhere (for example, a configured pin).
   *
   * @param digest 32 bytes
   * @return the fingerprint
   * @throws IllegalArgumentException if the digest is not 32 bytes long
   */
  public static CertificateFingerprint ofSha256(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 fingerprint is 32 bytes, got " + digest.length);
    }
    return new CertificateFingerprint(digest);
  }

  /**
   * Returns the digest.
   *
   * @return a copy of the 32 bytes
   */
  public byte[] bytes() {
    return digest.clone();
  }

  /**
   * Returns the digest as lower-case hex without separators.
   *
   * @return 64 hex digits
   */
  public String hex() {
    return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether a certificate has this fingerprint.
   *
   * @param certificate the certificate
   * @return true if its SHA-256 fingerprint equals this one
   */
  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(digest, sha256(certificate).digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateFingerprint && Arrays.equals(digest, ((CertificateFingerprint) o).digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /**
   * Returns the fingerprint as {@code openssl} prints it.
   *
   * @return 32 upper-case hex bytes separated by colons
   */
  @Override
  public String toString() {
    return COLON_HEX.formatHex(digest);
  }
}
