package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finding rules, on reports built by hand. */
class FindingRulesTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** A well-configured endpoint: forced encryption, TLS 1.2 in 7.x, strict with ALPN, a trusted certificate. */
  static ProbeReport good() {
    return report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> { }));
  }

  static ProbeReport report(EncryptionPosture posture, boolean cleartext, List<TlsAttempt> tls7, StrictResult strict,
      CertificateFacts cert) {
    List<PreloginReply> replies = new ArrayList<>();
    for (PreloginProbe p : PreloginProbe.values()) {
      replies.add(new PreloginReply(p, ReplyKind.ANSWERED,
          PreLogin.of(new Version(16, 0, 1000, 6)).withEncryption(EncryptionValue.of(0x2A)), ""));
    }
    List<ServerSetting> settings = List.of(new ServerSetting(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS));
    return new ProbeReport(new Target("db", 1433), replies, posture, cleartext, false, settings, tls7, strict, cert, null,
        List.of());
  }

  static List<TlsAttempt> attempts(TlsVersion... accepted) {
    List<TlsAttempt> out = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      boolean ok = List.of(accepted).contains(v);
      out.add(new TlsAttempt(v, ok ? TlsAttemptStatus.ACCEPTED : TlsAttemptStatus.REFUSED, ok ? "TLS_X" : "", "", ""));
    }
    return out;
  }

  static StrictResult strict(StrictSupport support, String alpn) {
    boolean works = support != StrictSupport.NOT_SUPPORTED;
    return new StrictResult(support, works, works, alpn, attempts(works ? new TlsVersion[] {TlsVersion.TLS_1_3}
        : new TlsVersion[0]), null);
  }

  /** Mutable facts for the tests to adjust. */
  static final class CertSpec {
    boolean selfSigned;
    boolean fallback;
    boolean hostnameMatches = true;
    TrustVerdict caFile = TrustVerdict.TRUSTED;
    Instant notBefore = NOW.minus(Duration.ofDays(100));
    Instant notAfter = NOW.plus(Duration.ofDays(200));
    String keyAlgorithm = "RSA";
    int keyBits = 2048;
    String signature = "SHA256withRSA";
    boolean serverAuth = true;
    ChainShape shape = ChainShape.TO_INTERMEDIATE;
  }

  static CertificateFacts cert(java.util.function.Consumer<CertSpec> adjust) {
    CertSpec s = new CertSpec();
    adjust.accept(s);
    long days = Math.floorDiv(Duration.between(NOW, s.notAfter).toHours(), 24);
    return new CertificateFacts("CN=db", List.of("DNS:db"), "CN=CA", s.notBefore, s.notAfter, days, s.keyAlgorithm,
        s.keyBits, s.signature, s.serverAuth, 2, s.shape, s.selfSigned, s.fallback, "db", s.hostnameMatches,
        TrustVerdict.UNTRUSTED, s.caFile, "00");
  }

  static List<Finding> findings(ProbeReport r) {
    return FindingRules.evaluate(r, NOW);
  }

  static Finding only(ProbeReport r, String id) {
    return findings(r).stream().filter(f -> f.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding " + id + " in " + findings(r)));
  }

  static List<String> ids(ProbeReport r) {
    return findings(r).stream().map(Finding::id).toList();
  }

  @Test
  void wellConfiguredEndpointHasNoFindings() {
    assertThat(findings(good())).isEmpty();
  }

  @Test
  void cleartextLoginIsHighWithForceEncryptionAsTheFix() {
    ProbeReport r = report(EncryptionPosture.LOGIN_ONLY_OFFERED, true, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> { }));

    Finding f = only(r, "cleartext-login");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.fix()).contains("Force Encryption").contains("tds_ssl_encrypt");
    assertThat(only(r, "login-only").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void noTlsIsCriticalAndNotReportedTwice() {
    ProbeReport r = report(EncryptionPosture.NO_TLS, true, attempts(), strict(StrictSupport.NOT_SUPPORTED, ""), null);

    assertThat(ids(r)).containsExactlyInAnyOrder("no-tls", "strict-unsupported");
    assertThat(only(r, "no-tls").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(only(r, "strict-unsupported").severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void legacyTlsAccepted() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_0, TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> { }));

    assertThat(only(r, "legacy-tls").title()).isEqualTo("TLS 1.0 accepted");
  }

  @Test
  void tls13InsideTds7() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> { }));

    assertThat(only(r, "tls13-in-tds7").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void strictWithoutAlpnSelection() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, ""), cert(b -> { }));

    assertThat(ids(r)).containsExactly("strict-no-alpn");
  }

  @Test
  void certificateExpiringSoonSaysHowManyDays() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> b.notAfter = NOW.plus(Duration.ofDays(12)).plusSeconds(60)));

    Finding f = only(r, "expires-soon");
    assertThat(f.title()).isEqualTo("the certificate expires in 12 days");
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.fix()).contains("2026-06-13");
  }

  @Test
  void expiredAndNotYetValidAreHigh() {
    ProbeReport expired = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> b.notAfter = NOW.minus(Duration.ofDays(3))));
    ProbeReport early = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> b.notBefore = NOW.plus(Duration.ofDays(3))));

    assertThat(only(expired, "expired").severity()).isEqualTo(Severity.HIGH);
    assertThat(ids(expired)).doesNotContain("expires-soon");
    assertThat(only(early, "not-yet-valid").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void selfSignedAndSqlServerFallback() {
    ProbeReport self = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> {
          b.selfSigned = true;
          b.caFile = TrustVerdict.NOT_CHECKED;
          b.shape = ChainShape.SELF_SIGNED;
        }));
    ProbeReport fallback = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> {
          b.selfSigned = true;
          b.fallback = true;
          b.caFile = TrustVerdict.NOT_CHECKED;
          b.shape = ChainShape.SELF_SIGNED;
        }));

    assertThat(ids(self)).containsExactly("self-signed");
    assertThat(ids(fallback)).containsExactly("sql-server-fallback-certificate");
    assertThat(only(fallback, "sql-server-fallback-certificate").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void untrustedLeafOnlyChain() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> {
          b.caFile = TrustVerdict.UNTRUSTED;
          b.shape = ChainShape.LEAF_ONLY;
        }));

    assertThat(ids(r)).containsExactlyInAnyOrder("untrusted", "incomplete-chain");
    assertThat(only(r, "untrusted").title()).endsWith("nor by --ca-file");
  }

  @Test
  void hostnameMismatchWeakKeyWeakSignatureAndEku() {
    ProbeReport r = report(EncryptionPosture.ENCRYPTION_FORCED, false, attempts(TlsVersion.TLS_1_2),
        strict(StrictSupport.SUPPORTED, "tds/8.0"), cert(b -> {
          b.hostnameMatches = false;
          b.keyBits = 1024;
          b.signature = "SHA1withRSA";
          b.serverAuth = false;
        }));

    assertThat(ids(r)).containsExactlyInAnyOrder("hostname-mismatch", "weak-key", "weak-signature", "no-server-auth-eku");
    assertThat(only(r, "hostname-mismatch").title()).contains("DNS:db").contains("not db");
    assertThat(only(r, "weak-key").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void invalidEncryptionReplyShowsTheRawByte() {
    ProbeReport r = report(EncryptionPosture.INVALID_REPLY, false, attempts(), strict(StrictSupport.NOT_SUPPORTED, ""), null);

    assertThat(only(r, "invalid-encryption-reply").title()).contains("0x2A");
  }

  @Test
  void exitCodesFollowTheWorstFinding() {
    assertThat(ProbeReport.exitCode(List.of())).isZero();
    assertThat(Severity.INFO.exitCode()).isZero();
    assertThat(Severity.LOW.exitCode()).isEqualTo(1);
    assertThat(Severity.MEDIUM.exitCode()).isEqualTo(1);
    assertThat(Severity.HIGH.exitCode()).isEqualTo(3);
    assertThat(Severity.CRITICAL.exitCode()).isEqualTo(3);
  }
}
