package io.tdstls.bench;

import io.tdstls.server.TlsProvider;
import io.tdstls.bench.connect.ConnectionBench;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.jmh.JmhSuite;
import io.tdstls.bench.memory.MemoryBench;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.bench.throughput.ThroughputBench;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark sections in order and collects their tables and targets.
 *
 * <pre>{@code
 * BenchSuite suite = new BenchSuite(BenchSettings.full(), System.out);
 * suite.run(EnumSet.allOf(Section.class));
 * suite.tables().forEach(t -> System.out.print(t.toText()));
 * }</pre>
 */
public final class BenchSuite {

  private final BenchSettings settings;
  private final PrintStream log;
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Creates a suite.
   *
   * @param settings durations and counts
   * @param log where progress lines go
   */
  public BenchSuite(BenchSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  /**
   * Runs sections.
   *
   * @param sections which sections to run
   * @throws Exception if a scenario fails (a timing never fails anything)
   */
  public void run(Set<Section> sections) throws Exception {
    Quiet.logs();
    BenchPki pki = BenchPki.generate(Files.createTempDirectory("tds-tls-bench"));
    boolean openSsl = TlsProvider.OPENSSL.isAvailable();
    if (!openSsl) {
      tables.add(new Table("5. Server TLS provider: OpenSSL not available", "cause")
          .row(TlsProvider.OPENSSL.unavailabilityReason().orElse("")));
    }
    if (sections.contains(Section.CONNECTIONS)) {
      ConnectionBench c = new ConnectionBench(pki, settings, log);
      c.run(openSsl);
      tables.addAll(c.tables());
      targets.addAll(c.targets());
    }
    if (sections.contains(Section.HANDSHAKES)) {
      if (openSsl) {
        io.tdstls.bench.connect.HandshakeBench h = new io.tdstls.bench.connect.HandshakeBench(pki, settings, log);
        h.run();
        tables.addAll(h.tables());
        targets.addAll(h.targets());
      } else {
        targets.add(new Target("With OpenSSL on both ends: TLS 1.3 (strict) handshakes >= 1.8 x the JDK-only rate",
            "not measured", false, "OpenSSL is not available here: " + TlsProvider.OPENSSL.unavailabilityReason().orElse("")));
      }
    }
    if (sections.contains(Section.THROUGHPUT)) {
      ThroughputBench t = new ThroughputBench(pki, settings, log);
      t.run(openSsl);
      tables.addAll(t.tables());
      targets.addAll(t.targets());
    }
    if (sections.contains(Section.MEMORY)) {
      MemoryBench m = new MemoryBench(settings, log);
      m.run();
      tables.addAll(m.tables());
      targets.addAll(m.targets());
    }
    if (sections.contains(Section.GATEWAY)) {
      io.tdstls.bench.gateway.GatewayBench g = new io.tdstls.bench.gateway.GatewayBench(pki, settings, log);
      g.run();
      tables.addAll(g.tables());
      targets.addAll(g.targets());
    }
    if (sections.contains(Section.JMH)) {
      tables.add(JmhSuite.run(settings.jmhQuick(), log, targets));
    }
  }

  /**
   * Returns the result tables of the sections run.
   *
   * @return the tables, in order
   */
  public List<Table> tables() {
    return List.copyOf(tables);
  }

  /**
   * Returns where the targets stand.
   *
   * @return the targets of the sections run
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }
}
