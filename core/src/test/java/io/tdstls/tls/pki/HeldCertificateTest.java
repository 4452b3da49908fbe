package io.tdstls.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldCertificateTest {

  @TempDir Path dir;

  final HeldCertificate root = HeldCertificate.builder().commonName("Root").certificateAuthority(1).build();
  final HeldCertificate intermediate = HeldCertificate.builder().commonName("Intermediate").certificateAuthority(0)
      .keyType(KeyType.RSA_2048).signedBy(root).build();

  @Test
  void certificateAuthorityHasBasicConstraintsPathLengthAndKeyCertSign() throws Exception {
    assertThat(root.certificate().getBasicConstraints()).isEqualTo(1);
    assertThat(intermediate.certificate().getBasicConstraints()).isEqualTo(0);
    boolean[] usage = root.certificate().getKeyUsage();
    assertThat(usage[5]).as("keyCertSign").isTrue();
    assertThat(usage[6]).as("cRLSign").isTrue();
    root.certificate().verify(root.certificate().getPublicKey());
    intermediate.certificate().verify(root.certificate().getPublicKey());
  }

  @Test
  void leafCarriesNamesUsagesValidityAndIssuer() throws Exception {
    Instant from = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant to = from.plus(10, ChronoUnit.DAYS);
    HeldCertificate leaf = HeldCertificate.builder().commonName("db").addDnsName("db.example.com")
        .addIpAddress("10.1.2.3").addIpAddress("::1").serverAuth().clientAuth().validity(from, to)
        .serialNumber(BigInteger.valueOf(4242)).signedBy(intermediate).build();
    assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.certificate().getSubjectAlternativeNames())
        .containsExactly(List.of(2, "db.example.com"), List.of(7, "10.1.2.3"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(from);
    assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(to);
    assertThat(leaf.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(4242));
    assertThat(leaf.certificate().getIssuerX500Principal()).isEqualTo(intermediate.certificate().getSubjectX500Principal());
    leaf.certificate().verify(intermediate.certificate().getPublicKey());
    assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
    assertThat(leaf.root()).isEqualTo(root.certificate());
  }

  @Test
  void keyTypesAreRsa2048AndP256() {
    assertThat(((RSAPublicKey) intermediate.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(((ECPublicKey) root.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(intermediate.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(HeldCertificate.builder().keyType(KeyType.RSA_2048).build().certificate().getSigAlgName())
        .isEqualTo("SHA256withRSA");
  }

  @Test
  void fingerprintIsSha256OfTheDerInOpensslFormat() throws Exception {
    CertificateFingerprint fp = root.sha256Fingerprint();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(root.certificate().getEncoded());
    assertThat(fp.bytes()).isEqualTo(expected);
    assertThat(fp.toString()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(fp.hex()).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(fp).isEqualTo(CertificateFingerprint.ofSha256(expected)).isNotEqualTo(intermediate.sha256Fingerprint());
    assertThat(fp.matches(root.certificate())).isTrue();
    assertThat(fp.matches(intermediate.certificate())).isFalse();
  }

  @Test
  void pemExportsParseBack() {
    HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").signedBy(intermediate).build();
    assertThat(leaf.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(CertificateFiles.parseChain(leaf.chainPem().getBytes(StandardCharsets.US_ASCII), "chain"))
        .containsExactlyElementsOf(leaf.chain());
    assertThat(leaf.privateKeyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(leaf.privateKeySec1Pem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(intermediate.privateKeyPkcs1Pem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(leaf.privateKeyEncryptedPkcs8Pem("pw".toCharArray())).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(leaf.privateKeyLegacyEncryptedPem("pw".toCharArray())).contains("Proc-Type: 4,ENCRYPTED");
  }

  @Test
  void formatsThatDoNotFitTheKeyTypeAreRefused() {
    assertThatThrownBy(root::privateKeyPkcs1Pem).isInstanceOf(IllegalStateException.class).hasMessageContaining("privateKeyPkcs8Pem");
    assertThatThrownBy(intermediate::privateKeySec1Pem).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void selfSignedWithoutCommonNameTakesItsFirstName() {
    HeldCertificate c = HeldCertificate.builder().addDnsName("only.example").build();
    assertThat(c.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=only.example");
    assertThat(c.chain()).containsExactly(c.certificate());
  }

  @Test
  void keyStoresRoundTrip() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path file = dir.resolve("store." + type);
      if (type.equals("JKS")) {
        intermediate.writeJks(file, "secret".toCharArray());
      } else {
        intermediate.writePkcs12(file, "secret".toCharArray());
      }
      CertifiedKey loaded = KeyStoreFiles.readCertifiedKey(file, type, "secret".toCharArray());
      assertThat(loaded.privateKey().getEncoded()).isEqualTo(intermediate.privateKey().getEncoded());
      assertThat(loaded.chain()).containsExactlyElementsOf(intermediate.chain());
    }
  }

  @Test
  void renewalWithTheSameKeyPairKeepsTheKey() {
    HeldCertificate renewed = HeldCertificate.builder().keyPair(intermediate.keyPair()).commonName("again").build();
    assertThat(renewed.keyType()).isEqualTo(KeyType.RSA_2048);
    assertThat(renewed.certificate().getPublicKey()).isEqualTo(intermediate.certificate().getPublicKey());
  }
}
