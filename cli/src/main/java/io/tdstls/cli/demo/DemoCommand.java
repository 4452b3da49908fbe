package io.tdstls.cli.demo;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.cli.output.Style;
import io.tdstls.cli.output.TextTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tds-tls demo}: every client mode against every server policy, on loopback, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Every client mode against every server policy, on loopback, in one table.",
        "%nStarts the diagnostic endpoint on 127.0.0.1 with a freshly generated certificate, once per server"
            + " policy (encryption available, forced, not supported; strict required), runs the client against it"
            + " in every mode (off, optional, mandatory, strict) and prints one table: outcome (none, login-only,"
            + " full, strict, or refused and why), TLS version, cipher suite and time to log in."
            + " Then a gateway section: a strict TLS 1.3 client through tds-tls gateway to a backend that only"
            + " speaks TDS 7.x with TLS 1.2, with what each side negotiated. No SQL Server needed."},
    footer = {"", "Examples:",
        "  tds-tls demo",
        "  tds-tls demo --trust ca-file",
        "  tds-tls demo --json | jq '.rows[] | select(.outcome == \"refused\")'",
        "", "Exit codes: 0 the demo ran, 1 it could not run, 2 usage error."})
public final class DemoCommand implements Callable<Integer> {

  /** The longest refusal reason shown in the table; {@code --json} has the whole message. */
  static final int MAX_REASON = 100;

  @Option(names = "--json", description = "Print one JSON document instead of the table.")
  boolean json;

  @Option(names = "--trust", paramLabel = "pin|ca-file", converter = TrustConverter.class,
      description = "How the client trusts the generated certificate: pin its SHA-256 (default) or trust"
          + " the generated CA from a PEM file.")
  DemoTrust trust = DemoTrust.PIN;

  @Option(names = {"-v", "--verbose"}, description = "Show the endpoints' connection log on standard error.")
  boolean verbose;

  /** Creates the command. */
  public DemoCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    ConsoleLogging.install(verbose ? Level.INFO : Level.OFF);
    DemoResult result = new DemoRunner(trust).run();
    byte[] random = new byte[12];
    new java.security.SecureRandom().nextBytes(random);
    Map<String, String> gateway = GatewayDemo.run(DemoRunner.USER, java.util.HexFormat.of().formatHex(random));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>(result.toMap());
      doc.put("gateway", gateway);
      System.out.println(Json.write(doc));
    } else {
      System.out.print(format(result, Style.detect()));
      System.out.print(formatGateway(gateway, Style.detect()));
    }
    return ExitCode.OK.code();
  }

  /**
   * Formats a demo result as text: a heading, the table, and a legend.
   *
   * @param result the result
   * @param style colour, or plain
   * @return the text
   */
  static String format(DemoResult result, Style style) {
    StringBuilder out = new StringBuilder();
    out.append(style.bold("tds-tls demo")).append(": our client against our diagnostic endpoint on 127.0.0.1\n");
    out.append("server certificate ").append(result.certificateSubject()).append(", generated for this run\n");
    out.append("  SHA-256 ").append(result.sha256()).append('\n');
    out.append("client trust       ").append(result.trust() == DemoTrust.PIN
        ? "the SHA-256 fingerprint above, pinned" : "the generated CA, from a PEM file").append("\n\n");
    TextTable table = new TextTable(List.of("mode", "server policy", "outcome", "tls", "cipher suite", "login ms", "why"));
    for (DemoRow r : result.rows()) {
      UnaryOperator<String> paint = paint(r.outcome(), style);
      table.add(List.of(r.mode().label(), r.policy().label(), r.outcome(), orDash(r.tlsVersion()),
              orDash(r.cipherSuite()), Long.toString(r.loginMillis()), shorten(r.reason())),
          List.of(UnaryOperator.identity(), UnaryOperator.identity(), paint, UnaryOperator.identity(),
              UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity()));
    }
    out.append(table.format()).append('\n');
    out.append("none: the password crossed the wire only XOR-obfuscated; login-only: TLS for LOGIN7, then clear;\n")
        .append("full: TLS inside PRELOGIN for the whole session (TDS 7.x); strict: TLS first (TDS 8.0).\n");
    return out.toString();
  }

  /**
   * Formats the gateway section: what each side of the gateway negotiated.
   *
   * @param facts the section's facts, in display order
   * @param style colour, or plain
   * @return the text
   */
  static String formatGateway(Map<String, String> facts, Style style) {
    StringBuilder out = new StringBuilder("\n");
    out.append(style.bold("gateway")).append(": a strict TLS 1.3 client reaches a TDS 7.x-only server through"
        + " tds-tls gateway\n");
    facts.forEach((k, v) -> out.append(String.format("  %-19s %s%n", k, k.equals("outcome")
        ? (v.equals("ok") ? style.good(v) : style.bad(v)) : v)));
    return out.toString();
  }

  private static UnaryOperator<String> paint(String outcome, Style style) {
    switch (outcome) {
      case "full":
      case "strict":
        return style::good;
      case "login-only":
        return style::warn;
      default:
        return style::bad;
    }
  }

  private static String shorten(String reason) {
    if (reason == null) {
      return "";
    }
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
