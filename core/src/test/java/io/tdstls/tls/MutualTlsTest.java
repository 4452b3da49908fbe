package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tdstls.negotiation.TlsInfo;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.KeyType;
import java.nio.file.Path;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates on the strict path. */
class MutualTlsTest {

  @TempDir Path dir;
  TestPki pki;
  HeldCertificate clientCa;
  HeldCertificate clientCert;
  TlsConfig base;

  @BeforeEach
  void setUp() throws Exception {
    pki = new TestPki(dir);
    clientCa = HeldCertificate.builder().commonName("Client CA").certificateAuthority(0).keyType(KeyType.RSA_2048).build();
    clientCert = HeldCertificate.builder().commonName("app-user").clientAuth().signedBy(clientCa).build();
    base = TlsConfig.builder().mode(EncryptMode.STRICT).caFile(pki.rootPem()).build();
  }

  ServerEngineFactory server(ClientCertificateMode mode) throws Exception {
    return new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .clientCertificates(mode).addTrustedClientCa(pki.write("client-ca.pem", clientCa.certificatePem())).build());
  }

  TlsConfig withPemClientCert(HeldCertificate cert) throws Exception {
    Path chain = pki.write("client.pem", cert.chainPem());
    Path key = pki.write("client.key", cert.privateKeyEncryptedPkcs8Pem("k3y".toCharArray()));
    return base.toBuilder().clientAuth(ClientAuth.pem(chain, key, "k3y".toCharArray())).build();
  }

  @Test
  void trustedClientCertificateFromPemIsAccepted() throws Exception {
    EnginePump.Result r = HandshakeTest.handshake(withPemClientCert(clientCert), TestPki.HOST,
        server(ClientCertificateMode.REQUIRED), TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).as("%s / %s", r.clientError(), r.serverError()).isTrue();
    assertThat(TlsInfo.of(r.server()).peerCertificates()).first().isEqualTo(clientCert.certificate());
  }

  @Test
  void trustedClientCertificateFromPkcs12IsAccepted() throws Exception {
    Path p12 = dir.resolve("client.p12");
    clientCert.writePkcs12(p12, "pw".toCharArray());
    TlsConfig config = base.toBuilder().clientAuth(ClientAuth.pkcs12(p12, "pw".toCharArray())).build();
    EnginePump.Result r = HandshakeTest.handshake(config, TestPki.HOST, server(ClientCertificateMode.REQUIRED),
        TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).as("%s / %s", r.clientError(), r.serverError()).isTrue();
  }

  @Test
  void noClientCertificateIsRefusedWhenRequired() throws Exception {
    EnginePump.Result r = HandshakeTest.handshake(base, TestPki.HOST, server(ClientCertificateMode.REQUIRED),
        TlsNegotiationMode.STRICT);
    assertThat(r.serverError()).isNotNull();
    assertThat(r.clientError()).as("the client receives the server's alert").isNotNull();
  }

  @Test
  void untrustedClientCertificateIsRefused() throws Exception {
    HeldCertificate rogueCa = HeldCertificate.builder().commonName("Rogue CA").certificateAuthority(0).build();
    HeldCertificate rogue = HeldCertificate.builder().commonName("app-user").clientAuth().signedBy(rogueCa).build();
    EnginePump.Result r = HandshakeTest.handshake(withPemClientCert(rogue), TestPki.HOST,
        server(ClientCertificateMode.OPTIONAL), TlsNegotiationMode.STRICT);
    assertThat(r.serverError()).isNotNull();
    assertThat(TlsFailures.classify(r.serverError())).isInstanceOf(io.tdstls.error.CertificateInvalidException.class);
  }

  @Test
  void optionalModeAcceptsAClientWithoutCertificate() throws Exception {
    EnginePump.Result r = HandshakeTest.handshake(base, TestPki.HOST, server(ClientCertificateMode.OPTIONAL),
        TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).isTrue();
    assertThat(TlsInfo.of(r.server()).peerCertificates()).isEmpty();
  }

  @Test
  void thePreLoginPathNeverAsksForNorSendsAClientCertificate() throws Exception {
    ClientEngineFactory client = new ClientEngineFactory(withPemClientCert(clientCert));
    EnginePump.Result r = EnginePump.handshake(client.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        server(ClientCertificateMode.REQUIRED).newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.server().getNeedClientAuth()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.server().getSession().getPeerCertificates())
        .isInstanceOf(SSLPeerUnverifiedException.class);
  }
}
