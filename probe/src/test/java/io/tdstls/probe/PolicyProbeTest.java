package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe against the project's own server, in each policy, on loopback. */
class PolicyProbeTest {

  static ProbeReport probe(ServerEncryption encryption, ClientCertPolicy clientCert, StrictPolicy strict) throws Exception {
    try (TdsServer server = Endpoint.start(TestCertificates.SERVER, encryption, clientCert, strict)) {
      ProbeOptions options = ProbeOptions.builder().timeout(Duration.ofSeconds(5))
          .addCaCertificate(TestCertificates.ROOT.certificate()).build();
      return new Prober(options).probe(Endpoint.target(server));
    }
  }

  static TlsAttempt attempt(java.util.List<TlsAttempt> attempts, TlsVersion v) {
    return attempts.stream().filter(a -> a.version() == v).findFirst().orElseThrow();
  }

  static java.util.List<String> ids(ProbeReport r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  @Test
  void encryptionAvailableOffersLoginOnlyAndAcceptsCleartextLogins() throws Exception {
    ProbeReport r = probe(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);

    assertThat(r.posture()).isEqualTo(EncryptionPosture.LOGIN_ONLY_OFFERED);
    assertThat(r.reply(PreloginProbe.OFF).answered(EncryptionValue.OFF)).isTrue();
    assertThat(r.reply(PreloginProbe.ON).answered(EncryptionValue.ON)).isTrue();
    assertThat(r.reply(PreloginProbe.NOT_SUP).answered(EncryptionValue.NOT_SUP)).isTrue();
    assertThat(r.reply(PreloginProbe.CLIENT_CERT_OFF).answered(EncryptionValue.OFF)).isTrue();
    assertThat(r.cleartextLoginAccepted()).isTrue();
    assertThat(r.clientCertRefused()).isFalse();
    assertThat(r.consistentWith()).containsExactly(new ServerSetting(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS));
    assertThat(ids(r)).contains("cleartext-login", "login-only", "strict-unsupported");
    assertThat(r.worst()).isEqualTo(Severity.HIGH);
  }

  @Test
  void tlsVersionsInsideTds7AreTriedOneByOne() throws Exception {
    ProbeReport r = probe(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);

    TlsAttempt tls12 = attempt(r.tls7(), TlsVersion.TLS_1_2);
    assertThat(tls12.status()).isEqualTo(TlsAttemptStatus.ACCEPTED);
    assertThat(tls12.cipherSuite()).startsWith("TLS_");
    // our server caps the TDS 7.x path at TLS 1.2, as the facts require
    assertThat(attempt(r.tls7(), TlsVersion.TLS_1_3).status()).isEqualTo(TlsAttemptStatus.REFUSED);
    TlsAttemptStatus legacy = ProbeTls.testable(TlsVersion.TLS_1_0) ? TlsAttemptStatus.REFUSED : TlsAttemptStatus.NOT_TESTABLE;
    assertThat(attempt(r.tls7(), TlsVersion.TLS_1_0).status()).isEqualTo(legacy);
    assertThat(ids(r)).doesNotContain("tls13-in-tds7", "legacy-tls");
  }

  @Test
  void encryptionForcedAnswersReqAndRefusesCleartext() throws Exception {
    ProbeReport r = probe(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);

    assertThat(r.posture()).isEqualTo(EncryptionPosture.ENCRYPTION_FORCED);
    assertThat(r.reply(PreloginProbe.OFF).answered(EncryptionValue.REQ)).isTrue();
    assertThat(r.reply(PreloginProbe.NOT_SUP).answered(EncryptionValue.REQ)).isTrue();
    assertThat(r.cleartextLoginAccepted()).isFalse();
    assertThat(r.consistentWith()).containsExactly(new ServerSetting(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS));
    assertThat(r.strict().support()).isEqualTo(StrictSupport.NOT_SUPPORTED);
    // forced encryption, a certificate trusted through --ca-file and naming the host: only the strict note
    assertThat(ids(r)).containsExactly("strict-unsupported");
    assertThat(r.worst().exitCode()).isZero();
  }

  @Test
  void noTlsIsCriticalAndNoHandshakeIsTried() throws Exception {
    ProbeReport r = probe(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);

    assertThat(r.posture()).isEqualTo(EncryptionPosture.NO_TLS);
    assertThat(r.reply(PreloginProbe.OFF).answered(EncryptionValue.NOT_SUP)).isTrue();
    assertThat(r.cleartextLoginAccepted()).isTrue();
    assertThat(r.consistentWith()).containsExactly(new ServerSetting(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS));
    assertThat(r.tls7()).allMatch(a -> a.status() == TlsAttemptStatus.NOT_ATTEMPTED);
    assertThat(r.certificateFacts()).isEmpty();
    assertThat(r.findings().get(0).id()).isEqualTo("no-tls");
    assertThat(r.worst()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void strictAllowedIsSupportedWithAndWithoutAlpn() throws Exception {
    ProbeReport r = probe(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);

    StrictResult s = r.strict();
    assertThat(s.support()).isEqualTo(StrictSupport.SUPPORTED);
    assertThat(s.withAlpn()).isTrue();
    assertThat(s.withoutAlpn()).isTrue();
    assertThat(s.alpnSelected()).isEqualTo("tds/8.0");
    assertThat(attempt(s.versions(), TlsVersion.TLS_1_3).accepted()).isTrue();
    assertThat(attempt(s.versions(), TlsVersion.TLS_1_2).accepted()).isTrue();
    assertThat(s.fields()).isPresent();
    assertThat(s.fields().orElseThrow().productName()).startsWith("SQL Server");
    assertThat(ids(r)).doesNotContain("strict-unsupported");
  }

  @Test
  void strictRequiredServerThatAnswersTds7IsToldApartByAnEmptyLogin() throws Exception {
    // Our server in "strict required" answers a TDS 7.x PRELOGIN as if encryption were forced and
    // refuses the login afterwards (17819). The empty LOGIN7 (no user, no password) tells.
    ProbeReport r = probe(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.REQUIRED);

    assertThat(r.posture()).isEqualTo(EncryptionPosture.STRICT_REQUIRED_AT_LOGIN);
    assertThat(r.cleartextLoginAccepted()).isFalse();
    assertThat(r.strict().support()).isEqualTo(StrictSupport.REQUIRED);
    assertThat(r.strict().emptyLogin()).startsWith("error 17819");
  }

  @Test
  void strictAllowedServerRefusesTheEmptyLoginOtherwise() throws Exception {
    ProbeReport r = probe(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED);

    assertThat(r.posture()).isEqualTo(EncryptionPosture.ENCRYPTION_FORCED);
    assertThat(r.strict().support()).isEqualTo(StrictSupport.SUPPORTED);
    assertThat(r.strict().emptyLogin()).startsWith("error ").doesNotStartWith("error 17819");
  }

  @Test
  void babelfishPolicyClosesOnClientCert() throws Exception {
    ProbeReport r = probe(ServerEncryption.FORCED, ClientCertPolicy.BABELFISH, StrictPolicy.DISABLED);

    assertThat(r.reply(PreloginProbe.CLIENT_CERT_OFF).kind()).isEqualTo(ReplyKind.CLOSED);
    assertThat(r.reply(PreloginProbe.CLIENT_CERT_ON).kind()).isEqualTo(ReplyKind.CLOSED);
    assertThat(r.clientCertRefused()).isTrue();
    assertThat(r.consistentWith()).containsExactly(new ServerSetting(ServerEncryption.FORCED, ClientCertPolicy.BABELFISH));
    assertThat(ids(r)).contains("client-cert-refused").doesNotContain("nonconforming-replies");
  }

  @Test
  void serverFieldsNameTheRelease() throws Exception {
    ProbeReport r = probe(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED);

    ServerFields f = r.fields().orElseThrow();
    assertThat(f.productName()).isEqualTo(f.version().productName());
    assertThat(f.encryption()).isEqualTo("0x03 ENCRYPT_REQ");
    assertThat(f.mars()).isIn("on", "off", "absent");
  }
}
