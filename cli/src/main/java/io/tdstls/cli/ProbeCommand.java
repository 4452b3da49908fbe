package io.tdstls.cli;

import io.tdstls.probe.ProbeOptions;
import io.tdstls.probe.ProbeReport;
import io.tdstls.probe.Prober;
import io.tdstls.probe.ProgressListener;
import io.tdstls.probe.ReportJson;
import io.tdstls.probe.ReportSarif;
import io.tdstls.probe.ReportText;
import io.tdstls.probe.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tds-tls probe HOST[:PORT] ...}: audits TDS endpoints' encryption without logging in, and
 * exits by the worst finding.
 *
 * <p>Exit codes: 0 no finding or only informational ones; 1 worst finding low or medium; 2 usage
 * error; 3 worst finding high or critical.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {"Audit TDS endpoints' encryption without logging in: differential PRELOGIN probes (no TLS,",
        "login-only, forced, cleartext login accepted); on both paths (inside TDS 7.x PRELOGIN and strict TDS 8.0)",
        "every protocol version from SSL 3.0 to TLS 1.3, every cipher suite and key-exchange group, by raw",
        "ClientHellos independent of this JVM; the certificate, the server's PRELOGIN fields, findings with a",
        "fix each, and a letter grade per endpoint and per suite.",
        "No credentials are needed and none can leak: the only LOGIN7 it may send has an empty user and",
        "password (to tell strict required from forced; see probe/README.md)."},
    footer = {"", "Examples:",
        "  tds-tls probe db.example.com                  port 1433",
        "  tds-tls probe db1:1433 db2:14330 [::1]:1433   several targets, probed in parallel",
        "  tds-tls probe --ca-file corp-ca.pem db1       trust a private CA as well as the system store",
        "  tds-tls probe --json --timeout 2 db1 > db1.json",
        "  tds-tls probe --targets servers.txt --parallel 16   one HOST[:PORT] per line",
        "  tds-tls probe --sarif probe.sarif db1             findings for CI code scanning too",
        "", "Exit codes: 0 no finding or info only; 1 worst finding low or medium; 2 usage error;",
        "3 worst finding high or critical."})
public final class ProbeCommand implements Callable<Integer> {

  /** Exit code of a usage error, as picocli gives for a bad command line. */
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  // Strings, parsed in allTargets(): with arity 0..* picocli would report a bad target as an
  // unmatched argument rather than show the converter's message.
  @Parameters(arity = "0..*", paramLabel = "HOST[:PORT]",
      description = "Endpoints to probe: HOST, HOST:PORT, [IPV6]:PORT (default port 1433).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--targets", paramLabel = "FILE",
      description = "Read more endpoints from FILE: one HOST[:PORT] per line; blank lines and # comments are ignored.")
  Path targetsFile;

  @Option(names = "--json", description = "Print one JSON document instead of the human report.")
  boolean json;

  @Option(names = "--sarif", paramLabel = "FILE",
      description = "Also write the findings as a SARIF 2.1.0 log to FILE (for CI code-scanning).")
  Path sarifFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "Longest time one connection may take (default ${DEFAULT-VALUE} s); a silent endpoint is reported as timeout.")
  double timeoutSeconds;

  @Option(names = "--ca-file", paramLabel = "FILE",
      description = "PEM or DER file of CA certificates to trust, in addition to the system trust store.")
  Path caFile;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
      description = "How many targets to probe at the same time (default ${DEFAULT-VALUE}).")
  int parallel;

  /** Creates the command. */
  public ProbeCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    ProbeOptions options;
    List<Target> all;
    try {
      all = allTargets();
      options = options();
    } catch (IllegalArgumentException e) { // a TdsConfigException (unreadable --ca-file) or a value out of range
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    boolean terminal = System.console() != null;
    PrintWriter out = spec.commandLine().getOut();
    List<ProbeReport> reports = new Prober(options).probeAll(all,
        terminal ? progress(spec.commandLine().getErr()) : ProgressListener.NONE);
    out.print(json ? ReportJson.render(reports) + System.lineSeparator() : ReportText.render(reports, colour(terminal)));
    out.flush();
    if (sarifFile != null) {
      try {
        Files.writeString(sarifFile, ReportSarif.render(reports));
      } catch (IOException e) {
        spec.commandLine().getErr().println("cannot write --sarif " + sarifFile + ": " + e.getMessage());
        return USAGE;
      }
    }
    return ProbeReport.exitCode(reports);
  }

  /** The targets of the command line, then those of {@code --targets FILE}; at least one. */
  private List<Target> allTargets() {
    List<Target> all = new ArrayList<>();
    for (String t : targets) {
      all.add(Target.parse(t));
    }
    if (targetsFile != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(targetsFile);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --targets " + targetsFile + ": " + e.getMessage(), e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replaceFirst("#.*", "").strip();
        if (!line.isEmpty()) {
          try {
            all.add(Target.parse(line));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(targetsFile + " line " + (i + 1) + ": " + e.getMessage(), e);
          }
        }
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("give at least one HOST[:PORT], or --targets FILE");
    }
    return all;
  }

  private ProbeOptions options() {
    ProbeOptions.Builder b = ProbeOptions.builder()
        .timeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)))
        .parallelism(parallel);
    if (caFile != null) {
      b.caFile(caFile);
    }
    return b.build();
  }

  /** Colour only on a terminal, and never when {@code NO_COLOR} is set (https://no-color.org). */
  static boolean colour(boolean terminal) {
    String noColor = System.getenv("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  private static ProgressListener progress(PrintWriter err) {
    return new ProgressListener() {
      @Override
      public void started(Target target) {
        synchronized (err) {
          err.println("probing " + target + " ...");
          err.flush();
        }
      }

      @Override
      public void finished(ProbeReport report, int done, int total) {
        synchronized (err) {
          err.println("[" + done + "/" + total + "] " + report.target() + ": " + report.posture().label()
              + ", grade " + report.grade() + ", worst finding " + report.worst().label()
              + String.format(java.util.Locale.ROOT, " (%.1f s)", report.elapsed().toMillis() / 1000.0));
          err.flush();
        }
      }
    };
  }
}
