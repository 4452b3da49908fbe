package io.tdstls.probe;

import java.util.List;
import java.util.Locale;

/**
 * Renders probe reports for a person: per target, the PRELOGIN probes and the endpoint's
 * classification, TLS versions on each path, strict, the server's PRELOGIN fields, the
 * certificate, and the findings worst first with their fixes. ANSI colour is used only when asked
 * (the command asks only on a terminal, and never with {@code NO_COLOR}).
 */
public final class ReportText {

  private final StringBuilder out = new StringBuilder();
  private final boolean colour;

  private ReportText(boolean colour) {
    this.colour = colour;
  }

  /**
   * Renders reports.
   *
   * @param reports the reports, one per target
   * @param colour whether to colour severities with ANSI escapes
   * @return the text, ending with a newline
   */
  public static String render(List<ProbeReport> reports, boolean colour) {
    ReportText t = new ReportText(colour);
    for (ProbeReport r : reports) {
      t.report(r);
    }
    return t.out.toString();
  }

  private void report(ProbeReport r) {
    line("== " + r.target() + " == grade " + r.grade() + (r.grade().equals("T") ? " (" + r.gradeIgnoringTrust()
        + " if trusted)" : "") + ", worst finding: " + paint(r.worst(), r.worst().label())
        + String.format(Locale.ROOT, ", %.1f s", r.elapsed().toMillis() / 1000.0));
    line("TDS 7.x PRELOGIN probes (no credentials are ever sent)");
    for (PreloginReply p : r.prelogin()) {
      line(String.format("  sent %-16s 0x%02X -> %s%s", p.probe().name(), p.probe().sent().raw(), p.describe(),
          p.kind() == ReplyKind.ANSWERED || p.detail().isEmpty() ? "" : " (" + p.detail() + ")"));
    }
    line("  endpoint: " + r.posture().label());
    line("  cleartext login (client sends ENCRYPT_NOT_SUP): " + (r.cleartextLoginAccepted() ? "ACCEPTED" : "refused"));
    if (!r.consistentWith().isEmpty()) {
      line("  consistent with server setting: " + String.join(", ", r.consistentWith().stream().map(ServerSetting::toString).toList()));
    }
    if (r.clientCertRefused()) {
      line("  CLIENT_CERT: connection closed without a reply (Babelfish-like)");
    }
    line("TLS inside TDS 7.x PRELOGIN, by this JVM's TLS (JSSE; the raw scan below does not depend on it)");
    attempts(r.tls7());
    strict(r.strict());
    r.scans().forEach(this::scan);
    r.fields().ifPresent(this::fields);
    r.certificateFacts().ifPresent(this::certificate);
    line("Findings");
    if (r.findings().isEmpty()) {
      line("  none");
    }
    for (Finding f : r.findings()) {
      line("  " + paint(f.severity(), "[" + f.severity().label().toUpperCase(Locale.ROOT) + "]") + " " + f.title());
      line("         fix: " + f.fix());
    }
    line("");
  }

  private void attempts(List<TlsAttempt> attempts) {
    for (TlsAttempt a : attempts) {
      String what = switch (a.status()) {
        case ACCEPTED -> "accepted  " + a.cipherSuite() + (a.alpn().isEmpty() ? "" : "  ALPN " + a.alpn());
        case NOT_TESTABLE -> "not testable in this JVM (jdk.tls.disabledAlgorithms)";
        case NOT_ATTEMPTED -> "not attempted: " + a.detail();
        case TIMEOUT -> "timeout";
        case REFUSED -> "refused" + (a.detail().isEmpty() ? "" : "  (" + a.detail() + ")");
      };
      line(String.format("  %-8s %s", a.version(), what));
    }
  }

  private void strict(StrictResult s) {
    String support = switch (s.support()) {
      case NOT_SUPPORTED -> "not supported";
      case SUPPORTED -> "supported (TDS 7.x served too)";
      case REQUIRED -> "REQUIRED (TDS 7.x PRELOGIN or LOGIN7 refused)";
      case TLS_NOT_TDS -> "TLS works, but no TDS answer inside it (a TLS service, not TDS)";
    };
    line("Strict (TDS 8.0, TLS first): " + support);
    if (s.support() != StrictSupport.NOT_SUPPORTED) {
      line("  with ALPN tds/8.0: " + (s.withAlpn() ? "works, selected " + (s.alpnSelected().isEmpty() ? "none" : s.alpnSelected()) : "fails")
          + "; without ALPN: " + (s.withoutAlpn() ? "works" : "fails"));
      attempts(s.versions());
    }
    if (!s.emptyLogin().isEmpty()) {
      line("  empty LOGIN7 over TDS 7.x (user and password empty): " + s.emptyLogin());
    }
  }

  private void scan(PathScan s) {
    line("Cipher suites " + s.path().label() + " (raw ClientHellos: " + s.handshakes() + "; cipher preference: "
        + s.serverPreference() + ")");
    if (!s.anyAccepted()) {
      line("  no TLS: " + s.detail());
      return;
    }
    for (PathScan.VersionScan v : s.versions()) {
      if (!v.accepted()) {
        line("  " + v.version().label() + ": refused");
        continue;
      }
      line("  " + v.version().label() + ":");
      for (SuiteResult r : v.suites()) {
        line("    " + r.suite().name() + " (" + r.keyExchange() + ") - " + r.grade());
      }
    }
    if (!s.curves().isEmpty()) {
      line("  ECDHE curves (TLS <= 1.2): " + String.join(", ", s.curves().stream().map(NamedGroup::label).toList()));
    }
    if (!s.tls13Groups().isEmpty()) {
      line("  TLS 1.3 groups: " + String.join(", ", s.tls13Groups().stream().map(NamedGroup::label).toList()));
    }
    line("  TLS_FALLBACK_SCSV: " + (s.fallbackScsv() == null ? "not testable (one version)" : s.fallbackScsv()
        ? "honoured" : "NOT honoured") + "; secure renegotiation (RFC 5746): "
        + (s.secureRenegotiation() == null ? "n/a" : s.secureRenegotiation() ? "yes" : "NO"));
  }

  private void fields(ServerFields f) {
    line("Server PRELOGIN: " + f.productName() + " (" + f.version() + "), ENCRYPTION " + f.encryption() + ", MARS "
        + f.mars() + ", FEDAUTHREQUIRED " + f.fedAuthRequired() + ", instance " + f.instance() + ", THREADID "
        + (f.threadIdPresent() ? "present" : "absent") + ", NONCE " + (f.noncePresent() ? "present" : "absent"));
  }

  private void certificate(CertificateFacts c) {
    line("Certificate");
    line("  subject     " + c.subject());
    line("  SANs        " + (c.subjectAlternativeNames().isEmpty() ? "none" : String.join(", ", c.subjectAlternativeNames())));
    line("  issuer      " + c.issuer());
    line("  valid       " + c.notBefore() + " .. " + c.notAfter() + " ("
        + (c.daysLeft() < 0 ? "expired " + -c.daysLeft() + " days ago" : c.daysLeft() + " days left") + ")");
    line("  key         " + c.keyAlgorithm() + " " + c.keyBits() + " bits, signature " + c.signatureAlgorithm()
        + ", serverAuth EKU " + (c.serverAuthEku() ? "yes" : "NO"));
    line("  chain       " + c.chainLength() + " certificate(s): " + c.chainShape().label()
        + (c.sqlServerFallback() ? " (SQL Server's self-generated certificate)" : c.selfSigned() ? " (self-signed)" : ""));
    line("  hostname    " + c.hostname() + ": " + (c.hostnameMatches() ? "matches" : "MISMATCH"));
    line("  trust       system store: " + lower(c.systemTrust()) + "; --ca-file: " + lower(c.caFileTrust()));
    line("  sha256      " + c.sha256());
  }

  private String paint(Severity s, String text) {
    if (!colour) {
      return text;
    }
    String code = switch (s) {
      case INFO -> "32";
      case LOW -> "36";
      case MEDIUM -> "33";
      case HIGH, CRITICAL -> "1;31";
    };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
