package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that turn what the probe saw into {@link Finding findings}, each with a severity and a
 * one-line fix. Pure: the same report and moment always give the same findings.
 */
final class FindingRules {

  /** Certificates expiring within this many days are reported. */
  static final int EXPIRY_WARNING_DAYS = 30;

  private FindingRules() {}

  static List<Finding> evaluate(ProbeReport draft, Instant now) {
    List<Finding> out = new ArrayList<>();
    reachability(draft, out);
    encryption(draft, out);
    if (draft.scans().stream().anyMatch(PathScan::anyAccepted)) {
      draft.scans().forEach(s -> ScanRules.evaluate(s, out));
    } else {
      tlsVersions(draft, out);
    }
    strict(draft, out);
    draft.certificateFacts().ifPresent(c -> CertificateRules.evaluate(c, now, out));
    return out;
  }

  private static void reachability(ProbeReport r, List<Finding> out) {
    switch (r.posture()) {
      case UNREACHABLE -> out.add(new Finding("unreachable", Severity.LOW, "cannot connect to " + r.target(),
          "check the host name, the port (SQL Server's default is 1433) and the firewall"));
      case SILENT -> out.add(new Finding("no-answer", Severity.LOW, "no answer to PRELOGIN within the timeout",
          "check that this port is a SQL Server endpoint, or raise --timeout"));
      case TLS_SERVICE -> out.add(new Finding("tls-not-tds", Severity.LOW,
          "a TLS service, not TDS: TLS first works but no PRELOGIN answer comes inside it",
          "check the port: this is a plain TLS service (HTTPS, a TLS proxy), not a SQL Server endpoint"));
      case NOT_TDS -> out.add(new Finding("not-tds", Severity.LOW, "the endpoint does not speak TDS",
          "check the port: this is not a SQL Server endpoint"));
      case REFUSED -> out.add(new Finding("prelogin-refused", Severity.LOW,
          "PRELOGIN refused (connection closed) and strict does not work either",
          "check the server's error log for the reason it drops connections"));
      case INVALID_REPLY -> out.add(new Finding("invalid-encryption-reply", Severity.MEDIUM,
          "the server answered ENCRYPTION " + r.reply(PreloginProbe.OFF).describe() + ", outside [MS-TDS] 2.2.6.5",
          "fix or replace the endpoint: conforming clients refuse to connect"));
      default -> { }
    }
  }

  private static void encryption(ProbeReport r, List<Finding> out) {
    if (r.posture() == EncryptionPosture.NO_TLS) {
      out.add(new Finding("no-tls", Severity.CRITICAL,
          "no TLS at all: every login crosses the wire with the password only XOR-obfuscated",
          "install a certificate and enable encryption, then set Force Encryption (or tds_ssl_encrypt = true)"));
    } else if (r.cleartextLoginAccepted()) {
      out.add(new Finding("cleartext-login", Severity.HIGH,
          "cleartext login accepted: a client without TLS may send its password XOR-obfuscated",
          "set Force Encryption (or tds_ssl_encrypt = true)"));
    }
    if (r.posture() == EncryptionPosture.LOGIN_ONLY_OFFERED) {
      out.add(new Finding("login-only", Severity.MEDIUM,
          "encryption not forced: clients that do not insist get login-only encryption, the session in clear",
          "set Force Encryption (or tds_ssl_encrypt = true) so every session is fully encrypted"));
    }
    boolean answered = PostureClassifier.hasTls7(r.posture()) || r.posture() == EncryptionPosture.NO_TLS;
    if (answered && r.consistentWith().isEmpty()) {
      out.add(new Finding("nonconforming-replies", Severity.LOW,
          "the ENCRYPTION replies match no server setting of [MS-TDS] 2.2.6.5",
          "compare the replies above with the specification's table; drivers may misjudge this endpoint"));
    }
    if (r.clientCertRefused()) {
      out.add(new Finding("client-cert-refused", Severity.INFO,
          "ENCRYPT_CLIENT_CERT closes the connection (Babelfish-like): no certificate authentication",
          "authenticate with a password or token over full encryption instead"));
    }
  }

  private static void tlsVersions(ProbeReport r, List<Finding> out) {
    for (TlsVersion legacy : List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1)) {
      boolean accepted = r.tls7().stream().anyMatch(a -> a.version() == legacy && a.accepted())
          || r.strict().versions().stream().anyMatch(a -> a.version() == legacy && a.accepted());
      if (accepted) {
        out.add(new Finding("legacy-tls", Severity.MEDIUM, legacy + " accepted",
            "disable TLS 1.0 and 1.1 on the server; TLS 1.2 is the minimum worth offering"));
      }
    }
    if (r.tls7().stream().anyMatch(a -> a.version() == TlsVersion.TLS_1_3 && a.accepted())) {
      out.add(new Finding("tls13-in-tds7", Severity.MEDIUM, "TLS 1.3 accepted inside TDS 7.x PRELOGIN wrapping",
          "cap the TDS 7.x path at TLS 1.2 (TLS 1.3 post-handshake messages break the wrapping); offer 1.3 via strict"));
    }
  }

  private static void strict(ProbeReport r, List<Finding> out) {
    StrictResult s = r.strict();
    boolean tdsAnswered = PostureClassifier.hasTls7(r.posture()) || r.posture() == EncryptionPosture.NO_TLS;
    if (s.support() == StrictSupport.NOT_SUPPORTED && tdsAnswered) {
      out.add(new Finding("strict-unsupported", Severity.INFO, "strict (TDS 8.0) not supported",
          "on SQL Server 2022 or later, allow strict encryption so clients can use TLS 1.3 and always-validated certificates"));
    }
    if (s.withAlpn() && s.alpnSelected().isEmpty()) {
      out.add(new Finding("strict-no-alpn", Severity.LOW, "strict works but the server selects no ALPN protocol",
          "select ALPN tds/8.0 when the client offers it ([MS-TDS] 3.3.5.1)"));
    }
  }
}
