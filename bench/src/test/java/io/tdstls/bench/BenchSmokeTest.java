package io.tdstls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.server.TlsProvider;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every scenario of the suite for a tiny count ({@link BenchSettings#smoke()}) and checks that
 * each produced a positive number. Timings are never compared with anything.
 */
class BenchSmokeTest {

  static BenchSuite run(Section section) throws Exception {
    BenchSuite suite = new BenchSuite(BenchSettings.smoke(), System.out);
    suite.run(EnumSet.of(section));
    suite.tables().forEach(t -> System.out.print(t.toText()));
    return suite;
  }

  static Table table(BenchSuite suite, String titlePrefix) {
    return suite.tables().stream().filter(t -> t.title().startsWith(titlePrefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no table " + titlePrefix + " in " + suite.tables().stream()
            .map(Table::title).toList()));
  }

  static void allPositive(Table t, String... columns) {
    for (String c : columns) {
      List<String> cells = t.column(c);
      assertThat(cells).as(t.title() + " / " + c).isNotEmpty();
      assertThat(cells).as(t.title() + " / " + c).allSatisfy(v -> assertThat(Double.parseDouble(v)).isPositive());
    }
  }

  @Test
  void connectionScenariosProduceRates() throws Exception {
    BenchSuite suite = run(Section.CONNECTIONS);
    Table rates = table(suite, "1.");
    assertThat(rates.rows()).hasSize(2 * 5);
    allPositive(rates, "conn/s", "p50 ms", "p99 ms", "baseline conn/s", "tds-tls / baseline", "round-trip-matched conn/s",
        "tds-tls / matched");
    Table jdbc = table(suite, "2.");
    assertThat(jdbc.rows()).hasSize(4);
    allPositive(jdbc, "tds-tls conn/s", "mssql-jdbc conn/s", "tds-tls / mssql-jdbc");
    if (TlsProvider.OPENSSL.isAvailable()) {
      allPositive(table(suite, "5a."), "JDK conn/s", "OpenSSL conn/s");
    } else {
      assertThat(table(suite, "5. Server TLS provider: OpenSSL not available").rows()).hasSize(1);
    }
    assertThat(suite.targets()).extracting(Target::name).hasSize(2)
        .anyMatch(n -> n.startsWith("Connection rate")).anyMatch(n -> n.startsWith("Our client connects"));
  }

  @Test
  void handshakeScenariosProduceRatesWithOpenSslOnBothEnds() throws Exception {
    assertThat(TlsProvider.OPENSSL.isAvailable())
        .as("netty-tcnative-boringssl-static must load here: " + TlsProvider.OPENSSL.unavailabilityReason().orElse(""))
        .isTrue();
    BenchSuite suite = run(Section.HANDSHAKES);
    Table full = table(suite, "5c.");
    assertThat(full.rows()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(full.rows().subList(0, 3)).allSatisfy(row -> {
      assertThat(Double.parseDouble(row.get(1))).isPositive();
      assertThat(Double.parseDouble(row.get(3))).isPositive();
    });
    Table resumed = table(suite, "5d.");
    assertThat(resumed.rows()).hasSize(6);
    allPositive(resumed, "full conn/s", "resumed conn/s", "resumed / full");
    assertThat(resumed.column("resumed share")).as("every run after the first connection resumes")
        .allSatisfy(share -> assertThat(share).isNotEqualTo("0%"));
    assertThat(suite.targets()).extracting(Target::name).hasSize(2)
        .anyMatch(n -> n.startsWith("With OpenSSL on both ends")).anyMatch(n -> n.startsWith("Resumed handshakes"));
  }

  @Test
  void gatewayScenariosProduceRatios() throws Exception {
    BenchSuite suite = run(Section.GATEWAY);
    Table t = table(suite, "7.");
    assertThat(t.rows()).hasSize(6);
    assertThat(t.column("metric")).containsExactly("SELECT 1 p50 ms", "SELECT 1 p99 ms", "conn/s", "MB/s",
        "CPU ns per byte (lower is better)", "heap KiB per idle connection");
    Table timings = new Table(t.title(), t.headers().toArray(new String[0]));
    t.rows().subList(0, 4).forEach(r -> timings.row(r.toArray()));
    allPositive(timings, "direct", "gateway", "gateway / direct");
    Table rated = new Table(t.title(), t.headers().toArray(new String[0]));
    t.rows().subList(2, 4).forEach(r -> rated.row(r.toArray()));
    allPositive(rated, "raw relay / raw direct", "gateway ratio / raw ratio");
    // the process CPU clock ticks at 10 ms on Linux: a quick run's small transfer may read zero, and its
    // ratios then divide by zero; a real run's 1 GiB transfer takes seconds (checked where it is shown)
    List<String> cpu = t.rows().get(4);
    assertThat(Double.parseDouble(cpu.get(1))).as("direct CPU ns per byte").isGreaterThanOrEqualTo(0);
    assertThat(Double.parseDouble(cpu.get(2))).as("gateway CPU ns per byte").isGreaterThanOrEqualTo(0);
    // a handful of idle connections measures heap within GC noise: the figures are numbers, of either sign
    List<String> heap = t.rows().get(5);
    assertThat(heap.subList(1, 4)).allSatisfy(v -> assertThat(Double.parseDouble(v)).isFinite());
    Table raw = table(suite, "7b.");
    assertThat(raw.column("metric")).containsExactly("conn/s", "MB/s", "CPU ns per byte (lower is better)");
    Table rawRates = new Table(raw.title(), raw.headers().toArray(new String[0]));
    raw.rows().subList(0, 2).forEach(r -> rawRates.row(r.toArray()));
    allPositive(rawRates, "raw direct", "raw relay", "raw relay / raw direct");
    assertThat(rawRates.column("raw relay / raw direct")).as("the same ratios as table 7's raw column")
        .containsExactlyElementsOf(rated.column("raw relay / raw direct"));
    assertThat(suite.targets()).singleElement().satisfies(target -> {
      assertThat(target.name()).isEqualTo("Gateway throughput >= 0.8 x direct");
      double ratio = Double.parseDouble(t.rows().get(3).get(3));
      if (Math.abs(ratio - 0.8) > 0.001) { // the cell is rounded; the target judges the unrounded ratio
        assertThat(target.met()).isEqualTo(ratio >= 0.8);
      }
      assertThat(target.measured()).contains("a raw JDK TLS relay in the same run");
      assertThat(target.limit()).as("what limits it, not the threshold again").isNotEqualTo("0.8");
    });
  }

  @Test
  void throughputScenariosProduceRates() throws Exception {
    BenchSuite suite = run(Section.THROUGHPUT);
    Table t = table(suite, "3.");
    assertThat(t.rows()).hasSize(8);
    allPositive(t, "MB/s");
    assertThat(t.column("transfer")).filteredOn(n -> n.startsWith("tds-tls"))
        .as("every tds-tls row names its packet size").allMatch(n -> n.contains("packet size "));
    if (TlsProvider.OPENSSL.isAvailable()) {
      allPositive(table(suite, "5b."), "JDK MB/s", "OpenSSL MB/s");
    }
    assertThat(suite.targets()).extracting(Target::name).hasSize(3)
        .anyMatch(n -> n.startsWith("Full-encryption")).anyMatch(n -> n.startsWith("Strict"))
        .anyMatch(n -> n.startsWith("Plaintext"));
  }

  @Test
  void memoryScenarioMeasuresTheChildServer() throws Exception {
    BenchSuite suite = run(Section.MEMORY);
    Table t = table(suite, "4.");
    assertThat(t.rows()).hasSize(3);
    allPositive(t, "heap after GC MiB", "RSS MiB");
    assertThat(t.column("connections")).containsExactly("0", "5", "10");
    assertThat(suite.targets()).hasSize(1);
  }

  @Test
  void jmhBenchmarksProduceScores() throws Exception {
    BenchSuite suite = run(Section.JMH);
    Table t = table(suite, "6.");
    assertThat(TlsProvider.OPENSSL.unavailabilityReason()).as("netty-tcnative BoringSSL loads here").isEmpty();
    assertThat(t.rows()).hasSize(9);
    allPositive(t, "ns/op");
    assertThat(t.column("benchmark")).contains("DataPathBenchmark.relayPiece OFF", "DataPathBenchmark.relayPiece MANDATORY",
        "DataPathBenchmark.relayPiece STRICT", "DataPathBenchmark.relayPiece MANDATORY OPENSSL",
        "DataPathBenchmark.relayPiece STRICT OPENSSL");
    assertThat(suite.targets()).singleElement().satisfies(target ->
        assertThat(target.measured()).contains("OFF", "MANDATORY", "STRICT", "B per 4096-byte packet"));
  }
}
