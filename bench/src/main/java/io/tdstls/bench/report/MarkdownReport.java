package io.tdstls.bench.report;

import java.util.List;

/** Writes {@code BENCHMARKS.md}: the machine, the command, every table, and where the targets stand. */
public final class MarkdownReport {

  private MarkdownReport() {}

  /**
   * Renders the report.
   *
   * @param machine the machine description, as Markdown lines
   * @param started when the run started (ISO-8601)
   * @param seconds how long the run took
   * @param tables the result tables
   * @param targets the targets
   * @return the Markdown text
   */
  public static String render(String machine, String started, double seconds, List<Table> tables, List<Target> targets) {
    StringBuilder b = new StringBuilder();
    b.append("# tds-tls benchmarks\n\n");
    b.append("Written by the benchmark suite (module `bench`) from a real run; do not edit by hand.\n\n");
    b.append("## How to run\n\n```sh\n./mvnw -B -q -DskipTests package -pl bench -am\n")
        .append("java -jar bench/target/tds-tls-bench.jar            # the whole suite, writes BENCHMARKS.md\n")
        .append("java -jar bench/target/tds-tls-bench.jar --jmh-only # only the JMH microbenchmarks\n")
        .append("java -jar bench/target/tds-tls-bench.jar --only handshakes # OpenSSL on both ends, resumed handshakes\n```\n\n")
        .append("All traffic stays on 127.0.0.1. Benchmarks report; they never fail a build. `./mvnw verify` only compiles them")
        .append(" and runs a smoke test that runs every scenario for a tiny count.\n\n");
    b.append("## Machine\n\n").append(machine)
        .append(String.format(java.util.Locale.ROOT, "- Run: started %s, took %.0f s\n\n", started, seconds));
    b.append("## Targets (from issues 5 and 10; recorded, not asserted)\n\n| target | measured | status | what limits it |\n|---|---|---|---|\n");
    for (Target t : targets) {
      b.append("| ").append(t.name()).append(" | ").append(t.measured()).append(" | ").append(t.status()).append(" | ")
          .append(t.limit()).append(" |\n");
    }
    b.append("\n## Results\n\n");
    for (Table t : tables) {
      b.append(t.toMarkdown());
    }
    return b.toString();
  }
}
