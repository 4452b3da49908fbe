package io.tdstls.cli.serve;

import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.pki.CertificateFingerprint;
import io.tdstls.tls.pki.CertifiedKey;
import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.KeyStoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The server certificate {@code serve} uses: loaded from PEM files or a PKCS12 file, or generated
 * (self-signed, for localhost and the listening address) with its PEM written for clients to pin.
 *
 * @param key the private key and chain
 * @param source where it came from, for the start-up message
 * @param pemFile the PEM file a generated certificate was written to, or {@code null}
 */
public record ServeCertificate(CertifiedKey key, String source, Path pemFile) {

  /** How long a generated certificate is valid. */
  public static final Duration GENERATED_VALIDITY = Duration.ofDays(365);

  /** The file name of a generated certificate's PEM. */
  public static final String PEM_NAME = "tds-tls-serve-certificate.pem";

  /**
   * Returns the SHA-256 fingerprint of the server certificate.
   *
   * @return the fingerprint
   */
  public CertificateFingerprint sha256() {
    return CertificateFingerprint.sha256(key.leaf());
  }

  /**
   * Loads or generates the certificate the options ask for.
   *
   * @param o the options
   * @return the certificate
   * @throws TdsConfigException if the files cannot be read, or options contradict each other
   * @throws UncheckedIOException if a generated certificate cannot be written
   */
  static ServeCertificate of(FrontOptions o, String host) {
    char[] password = o.keyPassword == null ? null : o.keyPassword.toCharArray();
    if (o.pkcs12 != null) {
      if (o.cert != null || o.key != null) {
        throw new TdsConfigException("give either --pkcs12, or --cert with --key, not both");
      }
      return new ServeCertificate(KeyStoreFiles.readCertifiedKey(o.pkcs12, "PKCS12", password), "PKCS12 " + o.pkcs12, null);
    }
    if (o.cert != null || o.key != null) {
      if (o.cert == null || o.key == null) {
        throw new TdsConfigException("--cert and --key go together: the PEM chain and its private key");
      }
      return new ServeCertificate(CertifiedKey.fromPemFiles(o.cert, o.key, password), "PEM " + o.cert, null);
    }
    return generate(host, o.certDir);
  }

  private static ServeCertificate generate(String host, Path dir) {
    HeldCertificate.Builder b = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addIpAddress("127.0.0.1").addIpAddress("::1").serverAuth()
        .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(GENERATED_VALIDITY));
    if (!host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("::1") && !isWildcard(host)) {
      if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
        b.addIpAddress(host);
      } else {
        b.addDnsName(host);
      }
    }
    HeldCertificate held = b.build();
    try {
      Path target = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("tds-tls-serve");
      Path pem = Files.writeString(target.resolve(PEM_NAME), held.certificatePem());
      return new ServeCertificate(held.certifiedKey(), "generated, self-signed", pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generated certificate: give --cert-dir a writable directory", e);
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
  }
}
