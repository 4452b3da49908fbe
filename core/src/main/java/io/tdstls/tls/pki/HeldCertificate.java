package io.tdstls.tls.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * A certificate and its private key, generated in process: a self-signed root, an intermediate
 * CA, or a leaf signed by either. In the spirit of okhttp's {@code HeldCertificate}.
 *
 * <pre>{@code
 * HeldCertificate root = HeldCertificate.builder().commonName("Test Root").certificateAuthority(1).build();
 * HeldCertificate server = HeldCertificate.builder()
 *     .commonName("db.example.com")
 *     .addDnsName("db.example.com")
 *     .addIpAddress("127.0.0.1")
 *     .serverAuth()
 *     .signedBy(root)
 *     .build();
 * Files.writeString(certFile, server.chainPem());
 * Files.writeString(keyFile, server.privateKeyPkcs8Pem());
 * }</pre>
 *
 * <p>Key exports come in the usual PEM flavours: PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC
 * PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}) and
 * the legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}).
 */
public final class HeldCertificate {

  private final KeyPair keyPair;
  private final KeyType keyType;
  private final X509Certificate certificate;
  private final List<X509Certificate> issuers;

  HeldCertificate(KeyPair keyPair, KeyType keyType, X509Certificate certificate, List<X509Certificate> issuers) {
    this.keyPair = keyPair;
    this.keyType = keyType;
    this.certificate = certificate;
    this.issuers = List.copyOf(issuers);
  }

  /**
   * Returns a builder for a self-signed leaf with a fresh EC P-256 key, valid from an hour ago for
   * a day, until told otherwise.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the certificate.
   *
   * @return the X.509 certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns the key pair.
   *
   * @return the public and private key
   */
  public KeyPair keyPair() {
    return keyPair;
  }

  /**
   * Returns the private key.
   *
   * @return the key
   */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /**
   * Returns the key type.
   *
   * @return RSA 2048 or EC P-256
   */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns the chain a server or client presents: this certificate, then each CA above it,
   * without the self-signed root (the peer already has it as a trust anchor).
   *
   * @return the chain, leaf first; just this certificate when it is self-signed
   */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    for (X509Certificate issuer : issuers) {
      if (!issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
        chain.add(issuer);
      }
    }
    return List.copyOf(chain);
  }

  /**
   * Returns the private key with {@link #chain()}, as a server or client presents them.
   *
   * @return the key and chain
   */
  public CertifiedKey certifiedKey() {
    return new CertifiedKey(privateKey(), chain());
  }

  /**
   * Returns the self-signed root this certificate descends from (itself, when self-signed).
   *
   * @return the root certificate
   */
  public X509Certificate root() {
    return issuers.isEmpty() ? certificate : issuers.get(issuers.size() - 1);
  }

  /**
   * Returns the SHA-256 fingerprint of the certificate.
   *
   * @return the fingerprint, printed like {@code openssl x509 -fingerprint -sha256}
   */
  public CertificateFingerprint sha256Fingerprint() {
    return CertificateFingerprint.sha256(certificate);
  }

  /**
   * Returns the certificate as PEM.
   *
   * @return one {@code CERTIFICATE} block
   */
  public String certificatePem() {
    return PemText.encode(certificate);
  }

  /**
   * Returns {@link #chain()} as PEM, leaf first.
   *
   * @return one {@code CERTIFICATE} block per certificate
   */
  public String chainPem() {
    return PemText.encode(chain().toArray());
  }

  /**
   * Returns the private key as PKCS#1 PEM ({@code RSA PRIVATE KEY}).
   *
   * @return the PEM text
   * @throws IllegalStateException if the key is not RSA
   */
  public String privateKeyPkcs1Pem() {
    requireType(KeyType.RSA_2048, "PKCS#1");
    return PemText.encode(privateKey());
  }

  /**
   * Returns the private key as SEC1 PEM ({@code EC PRIVATE KEY}).
   *
   * @return the PEM text
   * @throws IllegalStateException if the key is not EC
   */
  public String privateKeySec1Pem() {
    requireType(KeyType.EC_P256, "SEC1");
    return PemText.encode(traditionalKey());
  }

  /**
   * Returns the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}).
   *
   * @return the PEM text
   */
  public String privateKeyPkcs8Pem() {
    try {
      return PemText.encode(new JcaPKCS8Generator(privateKey(), null));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding the key as PKCS#8 failed", e);
    }
  }

  /**
   * Returns the private key as encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, PBES2 with
   * AES-256-CBC), as {@code openssl pkcs8 -topk8} writes it.
   *
   * @param password the password
   * @return the PEM text
   */
  public String privateKeyEncryptedPkcs8Pem(char[] password) {
    try {
      var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
          .setProvider(BouncyCastle.PROVIDER)
          .setRandom(new SecureRandom())
          .setPassword(password.clone())
          .build();
      return PemText.encode(new JcaPKCS8Generator(privateKey(), encryptor));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("encrypting the key as PKCS#8 failed", e);
    }
  }

  /**
   * Returns the private key in the legacy OpenSSL encrypted PEM form: PKCS#1 or SEC1 with {@code
   * Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: AES-128-CBC} headers.
   *
   * @param password the password
   * @return the PEM text
   */
  public String privateKeyLegacyEncryptedPem(char[] password) {
    var encryptor = new JcePEMEncryptorBuilder("AES-128-CBC")
        .setProvider(BouncyCastle.PROVIDER)
        .setSecureRandom(new SecureRandom())
        .build(password.clone());
    return PemText.encodeEncrypted(traditionalKey(), encryptor);
  }

  /**
   * Writes the key and {@link #chain()} to a PKCS#12 file.
   *
   * @param file the file to create or replace
   * @param password the store and key password
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writePkcs12(Path file, char[] password) {
    writeKeyStore("PKCS12", file, password);
  }

  /**
   * Writes the key and {@link #chain()} to a JKS file.
   *
   * @param file the file to create or replace
   * @param password the store and key password
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writeJks(Path file, char[] password) {
    writeKeyStore("JKS", file, password);
  }

  private void writeKeyStore(String type, Path file, char[] password) {
    try (OutputStream out = Files.newOutputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      store.setKeyEntry("key", privateKey(), password, chain().toArray(new Certificate[0]));
      store.store(out, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + type + " file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a " + type + " key store", e);
    }
  }

  /**
   * Returns the key as BouncyCastle writes the traditional (PKCS#1 or SEC1) form. For EC, the
   * JDK's PKCS#8 encoding keeps the curve in the algorithm identifier only; SEC1 needs it inside
   * the key (as OpenSSL writes it), so the structure is rebuilt with curve and public key.
   */
  private Object traditionalKey() {
    if (keyType != KeyType.EC_P256) {
      return privateKey();
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey().getEncoded());
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    try {
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      DERBitString publicKey = new DERBitString(
          SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData().getBytes());
      return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), new ECPrivateKey(256, inner.getKey(), publicKey, curve));
    } catch (IOException e) {
      throw new UncheckedIOException("re-encoding the EC key failed", e);
    }
  }

  private void requireType(KeyType type, String format) {
    if (keyType != type) {
      throw new IllegalStateException(format + " holds " + type + " keys only; this key is " + keyType
          + ": use privateKeyPkcs8Pem()");
    }
  }

  /**
   * Builds a {@link HeldCertificate}. Every setting has a default: a self-signed, non-CA leaf with
   * an EC P-256 key, valid from an hour ago for one day, with no names and no extended key usage.
   */
  public static final class Builder {
    private String commonName;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private HeldCertificate issuer;
    private int maxIntermediates = -1;
    private Instant notBefore;
    private Instant notAfter;
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private boolean serverAuth;
    private boolean clientAuth;
    private BigInteger serialNumber;

    private Builder() {}

    /**
     * Sets the subject common name. Without one, a CA-signed certificate has an empty subject (and
     * a critical SAN extension), and a self-signed one takes its first DNS name or IP address.
     *
     * @param cn the CN
     * @return this builder
     */
    public Builder commonName(String cn) {
      this.commonName = Objects.requireNonNull(cn, "cn");
      return this;
    }

    /**
     * Adds a DNS subject alternative name ({@code *.example.com} for a wildcard).
     *
     * @param name the DNS name
     * @return this builder
     */
    public Builder addDnsName(String name) {
      dnsNames.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Adds an IP address subject alternative name.
     *
     * @param address an IPv4 or IPv6 literal, for example {@code 127.0.0.1} or {@code ::1}
     * @return this builder
     */
    public Builder addIpAddress(String address) {
      ipAddresses.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Signs the certificate with a CA's key instead of self-signing.
     *
     * @param issuer a certificate built with {@link #certificateAuthority(int)}
     * @return this builder
     */
    public Builder signedBy(HeldCertificate issuer) {
      this.issuer = issuer;
      return this;
    }

    /**
     * Makes the certificate a CA (basicConstraints CA=true, keyCertSign and cRLSign).
     *
     * @param maxIntermediates the path length constraint: how many CAs may sit below this one
     * @return this builder
     */
    public Builder certificateAuthority(int maxIntermediates) {
      if (maxIntermediates < 0) {
        throw new IllegalArgumentException("maxIntermediates < 0: " + maxIntermediates);
      }
      this.maxIntermediates = maxIntermediates;
      return this;
    }

    /**
     * Sets the validity period; use past or future instants to make expired or not-yet-valid
     * certificates.
     *
     * @param notBefore the start
     * @param notAfter the end
     * @return this builder
     */
    public Builder validity(Instant notBefore, Instant notAfter) {
      if (notAfter.isBefore(notBefore)) {
        throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /**
     * Sets the key type of the generated key.
     *
     * @param type RSA 2048 or EC P-256
     * @return this builder
     */
    public Builder keyType(KeyType type) {
      this.keyType = Objects.requireNonNull(type, "type");
      this.keyPair = null;
      return this;
    }

    /**
     * Uses an existing key pair instead of generating one (for example, to renew a certificate
     * with the same key).
     *
     * @param pair an RSA or EC key pair
     * @return this builder
     */
    public Builder keyPair(KeyPair pair) {
      this.keyType = KeyType.forAlgorithm(pair.getPublic().getAlgorithm());
      this.keyPair = pair;
      return this;
    }

    /**
     * Adds the serverAuth extended key usage.
     *
     * @return this builder
     */
    public Builder serverAuth() {
      this.serverAuth = true;
      return this;
    }

    /**
     * Adds the clientAuth extended key usage.
     *
     * @return this builder
     */
    public Builder clientAuth() {
      this.clientAuth = true;
      return this;
    }

    /**
     * Sets the serial number (random by default).
     *
     * @param serial a positive number
     * @return this builder
     */
    public Builder serialNumber(BigInteger serial) {
      this.serialNumber = serial;
      return this;
    }

    /**
     * Generates the key (unless given) and signs the certificate.
     *
     * @return the certificate with its key
     */
    public HeldCertificate build() {
      KeyPair pair = keyPair != null ? keyPair : keyType.generate();
      Instant start = notBefore != null ? notBefore : Instant.now().minus(Duration.ofHours(1));
      Instant end = notAfter != null ? notAfter : start.plus(Duration.ofDays(1));
      BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
      CertificateSigner.Request request = new CertificateSigner.Request(
          commonName, dnsNames, ipAddresses, maxIntermediates, start, end, serverAuth, clientAuth, serial);
      X509Certificate certificate = CertificateSigner.sign(request, pair, issuer);
      List<X509Certificate> issuers = new ArrayList<>();
      if (issuer != null) {
        issuers.add(issuer.certificate);
        issuers.addAll(issuer.issuers);
      }
      return new HeldCertificate(pair, keyType, certificate, issuers);
    }
  }
}
