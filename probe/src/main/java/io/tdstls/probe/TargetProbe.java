package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Probes one target, one connection at a time, and assembles its {@link ProbeReport}. */
final class TargetProbe {

  private final Target target;
  private final ProbeOptions options;

  TargetProbe(Target target, ProbeOptions options) {
    this.target = target;
    this.options = options;
  }

  ProbeReport run() {
    long start = System.nanoTime();
    ProbeReport r = probe();
    return new ProbeReport(r.target(), r.prelogin(), r.posture(), r.cleartextLoginAccepted(), r.clientCertRefused(),
        r.consistentWith(), r.tls7(), r.strict(), r.certificate(), r.serverFields(), r.findings(), r.scans(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private ProbeReport probe() {
    Duration timeout = options.timeout();
    List<PreloginReply> replies = new ArrayList<>();
    for (PreloginProbe p : PreloginProbe.values()) {
      PreloginReply r = PreloginProber.probe(target, p, timeout);
      replies.add(r);
      if (r.kind() == ReplyKind.UNREACHABLE) {
        return unreachable(r);
      }
    }
    PreloginReply off = replies.get(PreloginProbe.OFF.ordinal());
    List<List<X509Certificate>> chains = new ArrayList<>();
    List<TlsAttempt> tls7 = new ArrayList<>();
    boolean tls7Exists = PostureClassifier.hasTls7(PostureClassifier.posture(off, false));
    for (TlsVersion v : TlsVersion.values()) {
      if (tls7Exists) {
        TlsAttempts.Observed o = Tls7Prober.attempt(target, v, timeout);
        tls7.add(o.attempt());
        chains.add(o.chain());
      } else {
        tls7.add(TlsAttempt.skipped(v, TlsAttemptStatus.NOT_ATTEMPTED, "no TLS inside TDS 7.x here"));
      }
    }
    boolean sevenXRefused = PostureClassifier.sevenXRefused(replies);
    StrictResult strict = StrictProber.probe(target, timeout, sevenXRefused || off.kind() == ReplyKind.GARBAGE, chains);
    if (strict.support() == StrictSupport.SUPPORTED && tls7Exists) {
      strict = strictRequiredAtLogin(strict, chains, timeout);
    }
    boolean strictWorks = strict.support() == StrictSupport.SUPPORTED || strict.support() == StrictSupport.REQUIRED;
    List<PathScan> scans = new ArrayList<>();
    if (tls7Exists) {
      scans.add(SuiteScanner.scan(target, ScanPath.TDS7, timeout));
    }
    scans.add(SuiteScanner.scan(target, ScanPath.STRICT, timeout));
    scans.forEach(s -> chains.add(s.chain()));
    Instant now = options.clock().instant();
    CertificateFacts cert = chains.stream().filter(c -> !c.isEmpty()).findFirst()
        .map(c -> CertificateInspector.inspect(c, target.host(), options.caCertificates(), now)).orElse(null);
    ServerFields fields = off.kind() == ReplyKind.ANSWERED ? ServerFields.of(off.reply()) : strict.serverFields();
    EncryptionPosture posture = strict.support() == StrictSupport.REQUIRED && tls7Exists
        ? EncryptionPosture.STRICT_REQUIRED_AT_LOGIN : strict.support() == StrictSupport.TLS_NOT_TDS && !PostureClassifier.hasTls7(
        PostureClassifier.posture(off, false)) ? EncryptionPosture.TLS_SERVICE : PostureClassifier.posture(off, strictWorks);
    ProbeReport draft = new ProbeReport(target, replies, posture,
        PostureClassifier.cleartextLoginAccepted(replies.get(PreloginProbe.NOT_SUP.ordinal())),
        PostureClassifier.clientCertRefused(off, replies.get(PreloginProbe.CLIENT_CERT_OFF.ordinal()),
            replies.get(PreloginProbe.CLIENT_CERT_ON.ordinal())),
        TableMatcher.consistentSettings(replies), tls7, strict, cert, fields, List.of(), scans, Duration.ZERO);
    return withFindings(draft, now);
  }

  private ProbeReport unreachable(PreloginReply r) {
    List<PreloginReply> replies = new ArrayList<>();
    for (PreloginProbe p : PreloginProbe.values()) {
      replies.add(p == r.probe() ? r : new PreloginReply(p, ReplyKind.UNREACHABLE, null, "not tried: " + r.detail()));
    }
    List<TlsAttempt> none = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      none.add(TlsAttempt.skipped(v, TlsAttemptStatus.NOT_ATTEMPTED, "unreachable"));
    }
    ProbeReport draft = new ProbeReport(target, replies, EncryptionPosture.UNREACHABLE, false, false, List.of(), none,
        new StrictResult(StrictSupport.NOT_SUPPORTED, false, false, "", none, null), null, null, List.of());
    return withFindings(draft, options.clock().instant());
  }

  /**
   * A server may answer TDS 7.x PRELOGIN and refuse only the login (SQL Server's Force Strict
   * Encryption: error 17819): an empty LOGIN7 ({@link LoginProbe}) tells.
   */
  private StrictResult strictRequiredAtLogin(StrictResult strict, List<List<X509Certificate>> chains, Duration timeout) {
    List<X509Certificate> chain = chains.stream().filter(c -> !c.isEmpty()).findFirst().orElse(List.of());
    if (chain.isEmpty()) {
      return strict;
    }
    String sha256 = io.tdstls.tls.pki.CertificateFingerprint.sha256(chain.get(0)).hex();
    LoginProbe.Outcome o = LoginProbe.attempt(target, timeout, sha256);
    return strict.withLogin(o.strictOnly() ? StrictSupport.REQUIRED : StrictSupport.SUPPORTED, o.text());
  }

  private static ProbeReport withFindings(ProbeReport d, Instant now) {
    return new ProbeReport(d.target(), d.prelogin(), d.posture(), d.cleartextLoginAccepted(), d.clientCertRefused(),
        d.consistentWith(), d.tls7(), d.strict(), d.certificate(), d.serverFields(), FindingRules.evaluate(d, now),
        d.scans(), d.elapsed());
  }
}
