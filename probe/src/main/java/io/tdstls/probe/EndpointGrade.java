package io.tdstls.probe;

import java.util.List;
import java.util.Map;

/**
 * The letter grade of one endpoint, in the spirit of the SSL Labs server rating guide: start at A
 * and let each finding cap it. Trust problems (untrusted, self-signed, expired, wrong host) give
 * {@code T}, as SSL Labs does, with the grade ignoring trust alongside. Documented in probe/README.md.
 */
final class EndpointGrade {

  /** The grade each finding caps the endpoint at; findings not listed do not cap it. */
  static final Map<String, String> CAPS = Map.ofEntries(
      Map.entry("no-tls", "F"), Map.entry("cleartext-login", "F"), Map.entry("null-cipher", "F"),
      Map.entry("anonymous-suites", "F"), Map.entry("export-suites", "F"), Map.entry("sslv3", "F"),
      Map.entry("rc4", "C"), Map.entry("sweet32", "C"), Map.entry("insecure-renegotiation", "C"),
      Map.entry("login-only", "C"), Map.entry("weak-key", "C"),
      Map.entry("legacy-tls", "B"), Map.entry("no-forward-secrecy", "B"), Map.entry("beast", "B"),
      Map.entry("weak-signature", "B"), Map.entry("tls13-in-tds7", "B"), Map.entry("weak-dh", "B"),
      Map.entry("static-key-exchange", "A-"), Map.entry("no-fallback-scsv", "A-"), Map.entry("strict-no-alpn", "A-"));

  /** Findings that make a certificate untrusted: the grade becomes T. */
  static final List<String> TRUST = List.of("untrusted", "self-signed", "sql-server-fallback-certificate", "expired",
      "not-yet-valid", "hostname-mismatch");

  private static final List<String> ORDER = List.of("A+", "A", "A-", "B", "C", "D", "E", "F");

  private EndpointGrade() {}

  /**
   * Grades findings, ignoring trust.
   *
   * @param findings the endpoint's findings
   * @return A to F
   */
  static String ignoringTrust(List<Finding> findings) {
    String grade = "A";
    for (Finding f : findings) {
      String cap = CAPS.get(f.id());
      if (f.id().equals("weak-dh") && f.severity() == Severity.HIGH) {
        cap = "F";
      }
      if (cap != null && ORDER.indexOf(cap) > ORDER.indexOf(grade)) {
        grade = cap;
      }
    }
    return grade;
  }

  /**
   * Grades findings.
   *
   * @param findings the endpoint's findings
   * @return T when the certificate is not trusted, else A to F
   */
  static String grade(List<Finding> findings) {
    boolean trusted = findings.stream().noneMatch(f -> TRUST.contains(f.id()));
    return trusted ? ignoringTrust(findings) : "T";
  }
}
