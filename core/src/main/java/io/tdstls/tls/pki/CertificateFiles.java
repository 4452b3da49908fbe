package io.tdstls.tls.pki;

import io.tdstls.error.TdsConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Loads X.509 certificates and certificate revocation lists from PEM or DER files.
 *
 * <pre>{@code
 * List<X509Certificate> chain = CertificateFiles.readChain(Path.of("server-chain.pem"));
 * List<X509CRL> crls = CertificateFiles.readCrls(Path.of("ca.crl"));
 * }</pre>
 *
 * <p>Every failure is a {@link TdsConfigException} naming the file and saying what was expected.
 */
public final class CertificateFiles {

  private CertificateFiles() {}

  /**
   * Reads the certificates of a PEM file (in file order, other PEM blocks ignored) or the single
   * certificate of a DER file.
   *
   * @param file the file
   * @return the certificates, at least one
   * @throws TdsConfigException if the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> readChain(Path file) {
    return parseChain(MaterialFiles.read(file, "certificate"), file.toString());
  }

  /**
   * Reads the first certificate of a PEM or DER file.
   *
   * @param file the file
   * @return the certificate
   * @throws TdsConfigException if the file cannot be read or holds no certificate
   */
  public static X509Certificate readCertificate(Path file) {
    return readChain(file).get(0);
  }

  /**
   * Parses certificates from PEM or DER bytes.
   *
   * @param content the file content
   * @param source where the content came from, for error messages
   * @return the certificates, at least one
   * @throws TdsConfigException if the content holds no certificate or a malformed one
   */
  public static List<X509Certificate> parseChain(byte[] content, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      if (MaterialFiles.isPem(content)) {
        for (Object o : pemObjects(content)) {
          if (o instanceof X509CertificateHolder) {
            certificates.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) o));
          }
        }
      } else {
        certificates.add(new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(content)));
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new TdsConfigException(source + " is not a valid certificate file ("
          + e.getClass().getSimpleName() + "): give a PEM file with BEGIN CERTIFICATE blocks or one DER certificate", e);
    }
    if (certificates.isEmpty()) {
      throw new TdsConfigException("no certificate found in " + source
          + ": give a PEM file with BEGIN CERTIFICATE blocks or one DER certificate");
    }
    return List.copyOf(certificates);
  }

  /**
   * Reads the certificate revocation lists of a PEM file or the single CRL of a DER file.
   *
   * @param file the file
   * @return the CRLs, at least one
   * @throws TdsConfigException if the file cannot be read or holds no CRL
   */
  public static List<X509CRL> readCrls(Path file) {
    return parseCrls(MaterialFiles.read(file, "CRL"), file.toString());
  }

  /**
   * Parses certificate revocation lists from PEM or DER bytes.
   *
   * @param content the file content
   * @param source where the content came from, for error messages
   * @return the CRLs, at least one
   * @throws TdsConfigException if the content holds no CRL or a malformed one
   */
  public static List<X509CRL> parseCrls(byte[] content, String source) {
    List<X509CRL> crls = new ArrayList<>();
    try {
      if (MaterialFiles.isPem(content)) {
        for (Object o : pemObjects(content)) {
          if (o instanceof X509CRLHolder) {
            crls.add(new JcaX509CRLConverter().getCRL((X509CRLHolder) o));
          }
        }
      } else {
        crls.add(new JcaX509CRLConverter().getCRL(new X509CRLHolder(content)));
      }
    } catch (IOException | CRLException | RuntimeException e) {
      throw new TdsConfigException(source + " is not a valid CRL file (" + e.getClass().getSimpleName()
          + "): give a PEM file with BEGIN X509 CRL blocks or one DER CRL", e);
    }
    if (crls.isEmpty()) {
      throw new TdsConfigException("no CRL found in " + source + ": give a PEM file with BEGIN X509 CRL blocks or one DER CRL");
    }
    return List.copyOf(crls);
  }

  /**
   * Encodes certificates as PEM.
   *
   * @param certificates the certificates
   * @return one {@code CERTIFICATE} block each, in order
   */
  public static String toPem(List<X509Certificate> certificates) {
    return PemText.encode(certificates.toArray());
  }

  /**
   * Parses every object of PEM text.
   *
   * @param content the PEM text
   * @return BouncyCastle objects, in file order
   * @throws IOException if a block is malformed
   */
  static List<Object> pemObjects(byte[] content) throws IOException {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    }
    return objects;
  }
}
