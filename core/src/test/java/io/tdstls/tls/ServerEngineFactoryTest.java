package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.pki.CertificateFingerprint;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server certificate sources, fingerprint and reload. */
class ServerEngineFactoryTest {

  @TempDir Path dir;
  TestPki pki;

  @BeforeEach
  void setUp() {
    pki = new TestPki(dir);
  }

  @Test
  void pemSourceWithEncryptedKeyServesAndReportsItsFingerprint() throws Exception {
    Path chain = pki.write("server.pem", pki.server.chainPem());
    Path key = pki.write("server.key", pki.server.privateKeyLegacyEncryptedPem("pw".toCharArray()));
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder()
        .certificatePem(chain, key, "pw".toCharArray()).build());
    assertThat(server.certificateSha256()).isEqualTo(pki.server.sha256Fingerprint());
    assertThat(server.certificateChain()).containsExactlyElementsOf(pki.server.chain());
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    assertThat(HandshakeTest.handshake(config, TestPki.HOST, server, TlsNegotiationMode.STRICT).succeeded()).isTrue();
  }

  @Test
  void pkcs12SourceServes() throws Exception {
    Path p12 = dir.resolve("server.p12");
    pki.server.writePkcs12(p12, "pw".toCharArray());
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder().pkcs12(p12, "pw".toCharArray()).build());
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    assertThat(HandshakeTest.handshake(config, TestPki.HOST, server, TlsNegotiationMode.POST_PRE_LOGIN).succeeded()).isTrue();
  }

  @Test
  void reloadPicksUpARenewedCertificateAndKeepsTheOldOneWhenTheNewFilesAreBroken() throws Exception {
    Path chain = pki.write("server.pem", pki.server.chainPem());
    Path key = pki.write("server.key", pki.server.privateKeyPkcs8Pem());
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder().certificatePem(chain, key, null).build());
    CertificateFingerprint before = server.certificateSha256();

    HeldCertificate renewed = HeldCertificate.builder().commonName(TestPki.HOST).addDnsName(TestPki.HOST).serverAuth()
        .signedBy(pki.intermediate).build();
    Files.writeString(chain, renewed.chainPem());
    Files.writeString(key, renewed.privateKeyPkcs8Pem());
    server.reload();
    assertThat(server.certificateSha256()).isEqualTo(renewed.sha256Fingerprint()).isNotEqualTo(before);
    TlsConfig pinned = TlsConfig.builder().serverCertificateSha256(renewed.sha256Fingerprint().bytes()).build();
    assertThat(HandshakeTest.handshake(pinned, TestPki.HOST, server, TlsNegotiationMode.STRICT).succeeded()).isTrue();

    Files.writeString(key, "not a key");
    assertThatThrownBy(server::reload).isInstanceOf(TdsConfigException.class).hasMessageContaining(key.toString());
    assertThat(server.certificateSha256()).isEqualTo(renewed.sha256Fingerprint());
  }

  @Test
  void keyThatDoesNotFitTheCertificateIsAConfigError() {
    HeldCertificate other = HeldCertificate.builder().commonName("other").build();
    var mismatched = new io.tdstls.tls.pki.CertifiedKey(other.privateKey(), pki.server.chain());
    assertThatThrownBy(() -> new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(mismatched).build()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("does not fit");
  }

  @Test
  void builderRefusesIncompleteSettings() {
    assertThatThrownBy(() -> ServerTlsConfig.builder().build())
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("needs a certificate");
    assertThatThrownBy(() -> ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).build())
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("addTrustedClientCa");
    assertThatThrownBy(() -> ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .minProtocolVersion(TlsVersion.TLS_1_1).build())
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("enableLegacyTls");
  }
}
