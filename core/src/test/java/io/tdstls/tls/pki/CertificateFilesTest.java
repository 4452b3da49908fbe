package io.tdstls.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

  @TempDir Path dir;

  final HeldCertificate ca = HeldCertificate.builder().commonName("CA").certificateAuthority(0).build();
  final HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").signedBy(ca).build();

  @Test
  void pemChainKeepsFileOrderAndSkipsOtherBlocks() throws Exception {
    Path file = dir.resolve("chain.pem");
    Files.writeString(file, leaf.privateKeyPkcs8Pem() + leaf.certificatePem() + ca.certificatePem());
    assertThat(CertificateFiles.readChain(file)).containsExactly(leaf.certificate(), ca.certificate());
    assertThat(CertificateFiles.readCertificate(file)).isEqualTo(leaf.certificate());
  }

  @Test
  void derCertificateLoads() throws Exception {
    Path file = dir.resolve("leaf.der");
    Files.write(file, leaf.certificate().getEncoded());
    assertThat(CertificateFiles.readChain(file)).containsExactly(leaf.certificate());
  }

  @Test
  void toPemRoundTrips() {
    String pem = CertificateFiles.toPem(List.of(leaf.certificate(), ca.certificate()));
    assertThat(CertificateFiles.parseChain(pem.getBytes(StandardCharsets.US_ASCII), "x"))
        .containsExactly(leaf.certificate(), ca.certificate());
  }

  @Test
  void problemsNameTheFile() throws Exception {
    Path keyOnly = dir.resolve("key.pem");
    Files.writeString(keyOnly, leaf.privateKeyPkcs8Pem());
    assertThatThrownBy(() -> CertificateFiles.readChain(keyOnly))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("no certificate found in " + keyOnly);
    assertThatThrownBy(() -> CertificateFiles.readCrls(keyOnly))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("no CRL found in " + keyOnly);
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> CertificateFiles.readChain(missing))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("does not exist");
  }

  @Property(tries = 3000)
  void randomBytesFailOnlyWithTheConfigError(@ForAll @Size(max = 600) byte[] content) {
    try {
      CertificateFiles.parseChain(content, "fuzz");
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
    try {
      CertificateFiles.parseCrls(content, "fuzz");
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 2000)
  void randomPemBodiesFailOnlyWithTheConfigError(@ForAll @Size(max = 400) byte[] body, @ForAll boolean crl) {
    String label = crl ? "X509 CRL" : "CERTIFICATE";
    String pem = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(body) + "\n-----END " + label + "-----\n";
    try {
      if (crl) {
        CertificateFiles.parseCrls(pem.getBytes(StandardCharsets.US_ASCII), "fuzz");
      } else {
        CertificateFiles.parseChain(pem.getBytes(StandardCharsets.US_ASCII), "fuzz");
      }
    } catch (TdsConfigException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 1000)
  void truncatedDerCertificatesFailOnlyWithTheConfigError(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2000) int cut)
      throws Exception {
    byte[] der = leaf.certificate().getEncoded();
    byte[] truncated = java.util.Arrays.copyOf(der, Math.min(cut, der.length - 1));
    assertThatThrownBy(() -> CertificateFiles.parseChain(truncated, "truncated")).isInstanceOf(TdsConfigException.class);
  }
}
