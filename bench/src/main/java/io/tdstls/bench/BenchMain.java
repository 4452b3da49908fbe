package io.tdstls.bench;

import io.tdstls.bench.report.MarkdownReport;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs the benchmark suite, prints the tables and writes {@code BENCHMARKS.md}.
 *
 * <pre>
 * java -jar bench/target/tds-tls-bench.jar [--out BENCHMARKS.md] [--jmh-only | --no-jmh | --only SECTION]
 * </pre>
 */
public final class BenchMain {

  private BenchMain() {}

  /**
   * Runs the suite.
   *
   * @param args {@code --out FILE} (default {@code BENCHMARKS.md} in the working directory), {@code
   *     --jmh-only}, {@code --no-jmh}, {@code --only connections|throughput|memory|jmh|gateway}
   * @throws Exception if a scenario fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("BENCHMARKS.md");
    Set<Section> sections = EnumSet.allOf(Section.class);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--jmh-only":
          sections = EnumSet.of(Section.JMH);
          break;
        case "--no-jmh":
          sections.remove(Section.JMH);
          break;
        case "--only":
          sections = EnumSet.of(Section.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
          break;
        default:
          System.err.println("unknown option " + args[i] + "; use --out FILE, --jmh-only, --no-jmh or --only SECTION"
              + " (connections, handshakes, throughput, memory, gateway, jmh)");
          System.exit(2);
      }
    }
    Machine machine = Machine.current();
    System.out.print("tds-tls benchmarks on:\n" + machine.toMarkdown() + "\n");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long t0 = System.nanoTime();
    BenchSuite suite = new BenchSuite(BenchSettings.full(), System.out);
    suite.run(sections);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println();
    for (Table t : suite.tables()) {
      System.out.print(t.toText());
    }
    System.out.println("== Targets (recorded, not asserted) ==");
    for (Target t : suite.targets()) {
      System.out.printf("  [%s] %s: %s%n", t.status(), t.name(), t.measured());
    }
    Files.writeString(out, MarkdownReport.render(machine.toMarkdown(), start.toString(), seconds, suite.tables(),
        suite.targets()));
    System.out.printf("%nwrote %s (run took %.0f s)%n", out.toAbsolutePath(), seconds);
    System.exit(0); // JDBC driver and Netty leave non-daemon threads behind
  }
}
