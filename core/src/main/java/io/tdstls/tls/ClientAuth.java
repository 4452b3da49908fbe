package io.tdstls.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The client certificate a client presents for mutual TLS (TDS 8.0 strict only).
 *
 * <p>Either a PEM certificate chain with its private key (PKCS#1, PKCS#8, SEC1; optionally
 * encrypted), or a PKCS#12 file holding both.
 */
public final class ClientAuth {

  /** The format of the client credentials. */
  public enum Format {
    /** A PEM certificate chain file and a PEM private key file. */
    PEM,
    /** One PKCS#12 file with the key and its chain. */
    PKCS12
  }

  private final Format format;
  private final Path certificate;
  private final Path key;
  private final char[] password;

  private ClientAuth(Format format, Path certificate, Path key, char[] password) {
    this.format = format;
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.key = key;
    this.password = password == null ? null : password.clone();
  }

  /**
   * Returns PEM credentials.
   *
   * @param certificateChain the PEM file with the client certificate, then any intermediates
   * @param privateKey the PEM file with the private key (PKCS#1, PKCS#8 or SEC1, possibly
   *     encrypted)
   * @param keyPassword the key's password, or {@code null} if it is not encrypted
   * @return the credentials
   */
  public static ClientAuth pem(Path certificateChain, Path privateKey, char[] keyPassword) {
    return new ClientAuth(Format.PEM, certificateChain, Objects.requireNonNull(privateKey, "privateKey"), keyPassword);
  }

  /**
   * Returns PKCS#12 credentials.
   *
   * @param file the PKCS#12 file
   * @param password its password, or {@code null}
   * @return the credentials
   */
  public static ClientAuth pkcs12(Path file, char[] password) {
    return new ClientAuth(Format.PKCS12, file, null, password);
  }

  /**
   * Reads the certificate chain and private key.
   *
   * @return the key and its chain
   * @throws io.tdstls.error.TdsConfigException if a file cannot be read or the password is wrong
   */
  public io.tdstls.tls.pki.CertifiedKey load() {
    return format == Format.PKCS12
        ? io.tdstls.tls.pki.KeyStoreFiles.readCertifiedKey(certificate, "PKCS12", password)
        : io.tdstls.tls.pki.CertifiedKey.fromPemFiles(certificate, key, password);
  }

  /**
   * Returns the format.
   *
   * @return PEM or PKCS12
   */
  public Format format() {
    return format;
  }

  /**
   * Returns the certificate chain file (PEM) or the PKCS#12 file.
   *
   * @return the path
   */
  public Path certificate() {
    return certificate;
  }

  /**
   * Returns the PEM private key file.
   *
   * @return the path, or {@code null} for PKCS#12
   */
  public Path key() {
    return key;
  }

  /**
   * Returns the key or PKCS#12 password.
   *
   * @return a copy of the password, or {@code null}
   */
  public char[] password() {
    return password == null ? null : password.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClientAuth)) {
      return false;
    }
    ClientAuth c = (ClientAuth) o;
    return format == c.format && certificate.equals(c.certificate) && Objects.equals(key, c.key)
        && java.util.Arrays.equals(password, c.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, certificate, key);
  }

  @Override
  public String toString() {
    return format == Format.PEM ? "PEM " + certificate + " + " + key : "PKCS12 " + certificate;
  }
}
