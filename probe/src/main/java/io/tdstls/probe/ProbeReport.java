package io.tdstls.probe;

import java.time.Duration;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the probe learned about one target.
 *
 * @param target the endpoint
 * @param prelogin the reply to each differential PRELOGIN probe, in {@link PreloginProbe} order
 * @param posture what a TDS 7.x client meets, classified from those replies
 * @param cleartextLoginAccepted whether a client sending ENCRYPT_NOT_SUP is answered NOT_SUP, so
 *     its LOGIN7 (password only XOR-obfuscated) would cross the wire in clear
 * @param clientCertRefused whether the CLIENT_CERT probes are closed while the plain ones are
 *     answered (Babelfish-like)
 * @param consistentWith the server settings of the ENCRYPTION table that give exactly the replies
 *     seen; empty for an endpoint that departs from the table (or gave no clear answers)
 * @param tls7 one TLS attempt per version inside the TDS 7.x PRELOGIN wrapping
 * @param strict what the strict (TDS 8.0) path does
 * @param certificate the server certificate facts, or {@code null} if no handshake gave one
 * @param serverFields the server's PRELOGIN fields, or {@code null} if it never answered one
 * @param findings what to fix, worst first
 * @param scans the raw suite scans, one per path that was scanned (TDS 7.x, strict)
 * @param elapsed how long the probe of this target took
 */
public record ProbeReport(Target target, List<PreloginReply> prelogin, EncryptionPosture posture,
    boolean cleartextLoginAccepted, boolean clientCertRefused, List<ServerSetting> consistentWith,
    List<TlsAttempt> tls7, StrictResult strict,
    CertificateFacts certificate, ServerFields serverFields, List<Finding> findings, List<PathScan> scans,
    Duration elapsed) {

  /**
   * Checks the components, copies the lists and sorts the findings worst first.
   *
   * @param target see the record component
   * @param prelogin see the record component
   * @param posture see the record component
   * @param cleartextLoginAccepted see the record component
   * @param clientCertRefused see the record component
   * @param consistentWith see the record component
   * @param tls7 see the record component
   * @param strict see the record component
   * @param certificate see the record component
   * @param serverFields see the record component
   * @param findings see the record component
   * @param scans see the record component
   * @param elapsed see the record component
   */
  public ProbeReport {
    Objects.requireNonNull(target, "target");
    prelogin = List.copyOf(prelogin);
    Objects.requireNonNull(posture, "posture");
    consistentWith = List.copyOf(consistentWith);
    tls7 = List.copyOf(tls7);
    Objects.requireNonNull(strict, "strict");
    findings = findings.stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList();
    scans = List.copyOf(scans);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * A report without raw scans and without a measured time (as built by hand in tests).
   *
   * @param target see the record component
   * @param prelogin see the record component
   * @param posture see the record component
   * @param cleartextLoginAccepted see the record component
   * @param clientCertRefused see the record component
   * @param consistentWith see the record component
   * @param tls7 see the record component
   * @param strict see the record component
   * @param certificate see the record component
   * @param serverFields see the record component
   * @param findings see the record component
   */
  public ProbeReport(Target target, List<PreloginReply> prelogin, EncryptionPosture posture,
      boolean cleartextLoginAccepted, boolean clientCertRefused, List<ServerSetting> consistentWith,
      List<TlsAttempt> tls7, StrictResult strict, CertificateFacts certificate, ServerFields serverFields,
      List<Finding> findings) {
    this(target, prelogin, posture, cleartextLoginAccepted, clientCertRefused, consistentWith, tls7, strict,
        certificate, serverFields, findings, List.of(), Duration.ZERO);
  }

  /**
   * Returns the scan of one path, if it was scanned.
   *
   * @param path the path
   * @return the scan, or empty
   */
  public Optional<PathScan> scan(ScanPath path) {
    return scans.stream().filter(s -> s.path() == path).findFirst();
  }

  /**
   * Returns the endpoint's letter grade (rules in probe/README.md): A+ to F, T when the
   * certificate is not trusted, or "-" for an endpoint with no TLS to grade.
   *
   * @return the grade
   */
  public String grade() {
    if (!gradable()) {
      return "-";
    }
    return EndpointGrade.grade(findings);
  }

  /**
   * Returns the grade the endpoint would have with a trusted certificate.
   *
   * @return A+ to F, or "-"
   */
  public String gradeIgnoringTrust() {
    return gradable() ? EndpointGrade.ignoringTrust(findings) : "-";
  }

  private boolean gradable() {
    return posture == EncryptionPosture.NO_TLS || scans.stream().anyMatch(PathScan::anyAccepted)
        || tls7.stream().anyMatch(TlsAttempt::accepted) || strict.versions().stream().anyMatch(TlsAttempt::accepted);
  }

  /**
   * Returns the certificate facts, if a handshake gave a certificate.
   *
   * @return the facts, or empty
   */
  public Optional<CertificateFacts> certificateFacts() {
    return Optional.ofNullable(certificate);
  }

  /**
   * Returns the server's PRELOGIN fields, if it answered a PRELOGIN.
   *
   * @return the fields, or empty
   */
  public Optional<ServerFields> fields() {
    return Optional.ofNullable(serverFields);
  }

  /**
   * Returns the reply to one probe.
   *
   * @param probe the probe
   * @return its reply
   */
  public PreloginReply reply(PreloginProbe probe) {
    return prelogin.stream().filter(r -> r.probe() == probe).findFirst().orElseThrow();
  }

  /**
   * Returns the worst severity among the findings.
   *
   * @return the worst severity, or {@link Severity#INFO} when there are no findings
   */
  public Severity worst() {
    return findings.isEmpty() ? Severity.INFO : findings.get(0).severity();
  }

  /**
   * Returns the exit code for several reports: that of the worst finding among them.
   *
   * @param reports the reports
   * @return 0, 1 or 3 (see {@link Severity#exitCode()})
   */
  public static int exitCode(List<ProbeReport> reports) {
    return reports.stream().map(ProbeReport::worst).max(Comparator.naturalOrder()).orElse(Severity.INFO).exitCode();
  }
}
