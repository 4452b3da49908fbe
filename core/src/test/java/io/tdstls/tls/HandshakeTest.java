package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tdstls.negotiation.TlsInfo;

import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.HostnameVerificationException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.RevocationListBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client and server engines of this package handshaking in memory: trust, expiry, revocation, host names. */
class HandshakeTest {

  @TempDir Path dir;
  TestPki pki;

  @BeforeEach
  void setUp() {
    pki = new TestPki(dir);
  }

  static ServerEngineFactory serverFor(HeldCertificate certificate) {
    return new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(certificate.certifiedKey()).build());
  }

  static EnginePump.Result handshake(TlsConfig config, String host, ServerEngineFactory server, TlsNegotiationMode path)
      throws Exception {
    ClientEngineFactory client = new ClientEngineFactory(config);
    return EnginePump.handshake(client.newEngine(host, 1433, path), server.newEngine(path));
  }

  static TdsException clientFailure(EnginePump.Result result) {
    assertThat(result.clientError()).as("client handshake error").isNotNull();
    return TlsFailures.classify(result.clientError());
  }

  @Test
  void trustedCaAccepted() throws Exception {
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    EnginePump.Result r = handshake(config, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).as("%s / %s", r.clientError(), r.serverError()).isTrue();
    TlsInfo facts = new ClientEngineFactory(config).handshakeCompleted(r.client());
    assertThat(facts.peerCertificates()).containsExactlyElementsOf(pki.server.chain());
    assertThat(facts.sniHostName()).isEqualTo(TestPki.HOST);
  }

  @Test
  void untrustedCaIsCertificateInvalid() throws Exception {
    HeldCertificate otherRoot = HeldCertificate.builder().commonName("Other Root").certificateAuthority(0).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.write("other.pem", otherRoot.certificatePem())).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("not signed by a trusted CA");
    assertThat(e.advice()).contains("caFile");
  }

  @Test
  void expiredCertificateIsCertificateInvalidSayingExpired() throws Exception {
    Instant now = Instant.now();
    HeldCertificate expired = HeldCertificate.builder().addDnsName(TestPki.HOST).serverAuth().signedBy(pki.intermediate)
        .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(expired), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("expired");
  }

  @Test
  void notYetValidCertificateIsCertificateInvalid() throws Exception {
    Instant now = Instant.now();
    HeldCertificate future = HeldCertificate.builder().addDnsName(TestPki.HOST).signedBy(pki.intermediate)
        .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(future), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("not valid yet");
  }

  @Test
  void revokedCertificateIsCertificateInvalid() throws Exception {
    Path crl = pki.write("intermediate.crl",
        RevocationListBuilder.pem(RevocationListBuilder.issuedBy(pki.intermediate).revoke(pki.server.certificate()).build()));
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).crlFile(crl).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("revoked");
  }

  @Test
  void crlThatRevokesSomethingElseAccepts() throws Exception {
    HeldCertificate other = HeldCertificate.builder().commonName("other").signedBy(pki.intermediate).build();
    Path crl = pki.write("intermediate.crl",
        RevocationListBuilder.pem(RevocationListBuilder.issuedBy(pki.intermediate).revoke(other.certificate()).build()));
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).crlFile(crl).build();
    EnginePump.Result r = handshake(config, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).as("%s", r.clientError()).isTrue();
  }

  @Test
  void crlFromAnotherIssuerLeavesRevocationUnknown() throws Exception {
    Path crl = pki.write("root.crl", RevocationListBuilder.pem(RevocationListBuilder.issuedBy(pki.root).build()));
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).crlFile(crl).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("no revocation status");
  }

  @Test
  void wrongHostIsHostnameVerificationWithTheNames() throws Exception {
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    TdsException e = clientFailure(handshake(config, "other.example.com", serverFor(pki.server),
        TlsNegotiationMode.POST_PRE_LOGIN));
    assertThat(e).isInstanceOf(HostnameVerificationException.class);
    HostnameVerificationException h = (HostnameVerificationException) e;
    assertThat(h.expected()).isEqualTo("other.example.com");
    assertThat(h.namesInCertificate()).containsExactly(TestPki.HOST, "127.0.0.1");
  }

  @Test
  void hostNameInCertificateFixesTheMismatch() throws Exception {
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).hostNameInCertificate(TestPki.HOST).build();
    EnginePump.Result r = handshake(config, "10.0.0.7", serverFor(pki.server), TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).as("%s", r.clientError()).isTrue();
    assertThat(TlsInfo.of(r.client()).sniHostName()).as("no SNI for an IP literal").isEmpty();
  }

  @Test
  void hostnameVerificationOffStillValidatesTheChain() throws Exception {
    TlsConfig ok = TlsConfig.builder().caFile(pki.rootPem()).hostnameVerification(false).build();
    assertThat(handshake(ok, "elsewhere.test", serverFor(pki.server), TlsNegotiationMode.STRICT).succeeded()).isTrue();
    HeldCertificate selfSigned = HeldCertificate.builder().addDnsName("elsewhere.test").build();
    TdsException e = clientFailure(handshake(ok, "elsewhere.test", serverFor(selfSigned), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
  }

  @Test
  void wildcardSanMatchesOneLabel() throws Exception {
    HeldCertificate wildcard = HeldCertificate.builder().addDnsName("*.db.example.com").serverAuth()
        .signedBy(pki.intermediate).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    assertThat(handshake(config, "sql1.db.example.com", serverFor(wildcard), TlsNegotiationMode.STRICT).succeeded())
        .isTrue();
    TdsException e = clientFailure(handshake(config, "a.sql1.db.example.com", serverFor(wildcard),
        TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(HostnameVerificationException.class);
  }

  @Test
  void ipSanMatchesIpv4AndIpv6Literals() throws Exception {
    HeldCertificate ips = HeldCertificate.builder().addIpAddress("192.0.2.10").addIpAddress("2001:db8::10")
        .signedBy(pki.intermediate).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    assertThat(handshake(config, "192.0.2.10", serverFor(ips), TlsNegotiationMode.STRICT).succeeded()).isTrue();
    assertThat(handshake(config, "2001:DB8:0:0::10", serverFor(ips), TlsNegotiationMode.STRICT).succeeded()).isTrue();
    TdsException e = clientFailure(handshake(config, "192.0.2.11", serverFor(ips), TlsNegotiationMode.STRICT));
    assertThat(((HostnameVerificationException) e).namesInCertificate()).containsExactly("192.0.2.10", "2001:db8:0:0:0:0:0:10");
  }

  @Test
  void certificateWithoutServerAuthUsageIsRefused() throws Exception {
    HeldCertificate clientOnly = HeldCertificate.builder().addDnsName(TestPki.HOST).clientAuth()
        .signedBy(pki.intermediate).build();
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, serverFor(clientOnly), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("serverAuth");
  }

  @Test
  void trustStoreAndSystemTrustAreAnchors() throws Exception {
    Path store = dir.resolve("trust.p12");
    HeldCertificate.builder().commonName("holder").signedBy(pki.root).build();
    pki.root.writePkcs12(store, "pw".toCharArray());
    TlsConfig viaStore = TlsConfig.builder().trustStore(store, "PKCS12", "pw".toCharArray()).build();
    assertThat(handshake(viaStore, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT).succeeded()).isTrue();
    TlsConfig systemOnly = TlsConfig.defaults();
    TdsException e = clientFailure(handshake(systemOnly, TestPki.HOST, serverFor(pki.server), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
  }

  @Test
  void serverThatDoesNotShareAVersionIsTlsHandshakeError() throws Exception {
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder()
        .certifiedKey(pki.server.certifiedKey()).minProtocolVersion(TlsVersion.TLS_1_3).build());
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).mode(EncryptMode.STRICT)
        .maxProtocolVersion(TlsVersion.TLS_1_2).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, server, TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(TlsHandshakeException.class);
    assertThat(e.getMessage()).contains("TLS handshake failed");
  }

  @Test
  void chainSentOutOfOrderWithAnExtraCertificateIsStillValidated() throws Exception {
    HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").build();
    var scrambled = new io.tdstls.tls.pki.CertifiedKey(pki.server.privateKey(),
        java.util.List.of(pki.server.certificate(), stranger.certificate(), pki.root.certificate(),
            pki.intermediate.certificate()));
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(scrambled).build());
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    EnginePump.Result r = handshake(config, TestPki.HOST, server, TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).as("%s", r.clientError()).isTrue();
    assertThat(server.handshakeCompleted(r.server()).sniHostName()).isEqualTo(TestPki.HOST);
  }

  @Test
  void missingIntermediateIsUntrusted() throws Exception {
    var leafOnly = new io.tdstls.tls.pki.CertifiedKey(pki.server.privateKey(), java.util.List.of(pki.server.certificate()));
    ServerEngineFactory server = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(leafOnly).build());
    TlsConfig config = TlsConfig.builder().caFile(pki.rootPem()).build();
    TdsException e = clientFailure(handshake(config, TestPki.HOST, server, TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(CertificateInvalidException.class);
    assertThat(e.getMessage()).contains("not signed by a trusted CA");
  }

  @Test
  void selfSignedServerCertificateGivenAsCaFileIsTrusted() throws Exception {
    HeldCertificate selfSigned = HeldCertificate.builder().addDnsName(TestPki.HOST).serverAuth().build();
    TlsConfig config = TlsConfig.builder().caFile(pki.write("self.pem", selfSigned.certificatePem())).build();
    assertThat(handshake(config, TestPki.HOST, serverFor(selfSigned), TlsNegotiationMode.STRICT).succeeded()).isTrue();
    TdsException e = clientFailure(handshake(config, "other.test", serverFor(selfSigned), TlsNegotiationMode.STRICT));
    assertThat(e).isInstanceOf(HostnameVerificationException.class);
  }
}
