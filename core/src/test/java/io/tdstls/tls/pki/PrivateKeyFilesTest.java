package io.tdstls.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateKeyFilesTest {

  static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path dir;

  /** Proves that a loaded key is the original: it signs what the original public key verifies. */
  static void assertSameKey(PrivateKey loaded, HeldCertificate original) throws Exception {
    String algorithm = original.keyType().signatureAlgorithm();
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(loaded);
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(original.certificate().getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  Path write(String content) throws Exception {
    Path file = Files.createTempFile(dir, "key", ".pem");
    Files.writeString(file, content);
    return file;
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void plainFormatsLoad(KeyType type) throws Exception {
    HeldCertificate c = HeldCertificate.builder().keyType(type).build();
    String traditional = type == KeyType.RSA_2048 ? c.privateKeyPkcs1Pem() : c.privateKeySec1Pem();
    assertSameKey(PrivateKeyFiles.read(write(traditional), null), c);
    assertSameKey(PrivateKeyFiles.read(write(c.privateKeyPkcs8Pem()), null), c);
    assertSameKey(PrivateKeyFiles.read(write(c.privateKeyPkcs8Pem()), PASSWORD), c);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void encryptedPkcs8LoadsWithTheRightPasswordOnly(KeyType type) throws Exception {
    HeldCertificate c = HeldCertificate.builder().keyType(type).build();
    Path file = write(c.privateKeyEncryptedPkcs8Pem(PASSWORD));
    assertSameKey(PrivateKeyFiles.read(file, PASSWORD), c);
    assertThatThrownBy(() -> PrivateKeyFiles.read(file, "wrong".toCharArray()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining(file.toString()).hasMessageContaining("check its password");
    assertThatThrownBy(() -> PrivateKeyFiles.read(file, null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("is encrypted: give its password");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void legacyEncryptedPemLoadsWithTheRightPasswordOnly(KeyType type) throws Exception {
    HeldCertificate c = HeldCertificate.builder().keyType(type).build();
    Path file = write(c.privateKeyLegacyEncryptedPem(PASSWORD));
    assertSameKey(PrivateKeyFiles.read(file, PASSWORD), c);
    assertThatThrownBy(() -> PrivateKeyFiles.read(file, "wrong".toCharArray()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("check its password");
    assertThatThrownBy(() -> PrivateKeyFiles.read(file, null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("give its password");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keyStoresLoadAndWrongPasswordIsReported(KeyType type) throws Exception {
    HeldCertificate c = HeldCertificate.builder().keyType(type).build();
    for (String storeType : new String[] {"PKCS12", "JKS"}) {
      Path file = dir.resolve(type + "." + storeType);
      if (storeType.equals("JKS")) {
        c.writeJks(file, PASSWORD);
      } else {
        c.writePkcs12(file, PASSWORD);
      }
      assertSameKey(KeyStoreFiles.readCertifiedKey(file, storeType, PASSWORD).privateKey(), c);
      assertThatThrownBy(() -> KeyStoreFiles.readCertifiedKey(file, storeType, "nope".toCharArray()))
          .isInstanceOf(TdsConfigException.class).hasMessageContaining("wrong password");
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keyAfterCertificatesInOneFileLoads(KeyType type) throws Exception {
    HeldCertificate c = HeldCertificate.builder().keyType(type).build();
    assertSameKey(PrivateKeyFiles.read(write(c.certificatePem() + c.privateKeyPkcs8Pem()), null), c);
  }

  @org.junit.jupiter.api.Test
  void missingKeyAndNonPemAndMissingFileAreExplained() throws Exception {
    HeldCertificate c = HeldCertificate.builder().build();
    assertThatThrownBy(() -> PrivateKeyFiles.read(write(c.certificatePem()), null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("no private key found");
    assertThatThrownBy(() -> PrivateKeyFiles.read(write("hello"), null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("is not a PEM file");
    Path missing = dir.resolve("missing.key");
    assertThatThrownBy(() -> PrivateKeyFiles.read(missing, null))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    Path notAStore = write("garbage");
    assertThatThrownBy(() -> KeyStoreFiles.read(notAStore, "PKCS12", PASSWORD))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("not a valid PKCS12 key store");
  }

  @Property(tries = 3000)
  void randomBytesFailOnlyWithTheConfigError(@ForAll @Size(max = 600) byte[] content) {
    try {
      PrivateKeyFiles.parse(content, "fuzz", PASSWORD);
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 3000)
  void randomPemBodiesFailOnlyWithTheConfigError(@ForAll @Size(max = 400) byte[] body, @ForAll("labels") String label,
      @ForAll boolean withPassword) {
    String pem = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(body) + "\n-----END " + label + "-----\n";
    try {
      PrivateKeyFiles.parse(pem.getBytes(StandardCharsets.US_ASCII), "fuzz", withPassword ? PASSWORD : null);
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 2000)
  void randomKeyStoresFailOnlyWithTheConfigError(@ForAll @Size(max = 600) byte[] content, @ForAll boolean jks,
      @ForAll boolean withPassword) {
    try {
      KeyStoreFiles.parse(content, "fuzz", jks ? "JKS" : "PKCS12", withPassword ? PASSWORD : null);
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> labels() {
    return net.jqwik.api.Arbitraries.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
        "CERTIFICATE", "X509 CRL", "EC PARAMETERS");
  }
}
