package io.tdstls.bench.jmh;

import io.tdstls.bench.report.Format;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.server.TlsProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Section 6: runs the JMH microbenchmarks of this package with the GC profiler and turns the
 * results into a table of ns/op and bytes allocated per op. Full runs fork one JVM per benchmark
 * (3 warm-up and 5 measured iterations of 1 s); quick runs (the smoke test) stay in-process for one
 * 50 ms iteration.
 */
public final class JmhSuite {

  private JmhSuite() {}

  /**
   * Runs the microbenchmarks.
   *
   * @param quick whether to make a minimal in-process run
   * @param log where progress lines go
   * @param targets receives the allocation-per-packet target, measured by {@link DataPathBenchmark}
   * @return the results
   * @throws RunnerException if JMH fails
   */
  public static Table run(boolean quick, PrintStream log, List<Target> targets) throws RunnerException {
    log.println("[6] JMH microbenchmarks (" + (quick ? "quick, in-process" : "3 x 1 s warm-up, 5 x 1 s, 1 fork")
        + ", -prof gc)");
    ChainedOptionsBuilder b = options(quick)
        .include(PreLoginBenchmark.class.getName())
        .include(PacketFramingBenchmark.class.getName())
        .include(DataPathBenchmark.class.getName())
        .param("provider", "JDK");
    List<RunResult> results = new ArrayList<>(new Runner(b.build()).run());
    if (TlsProvider.OPENSSL.isAvailable()) { // the TLS modes again with OpenSSL on both ends (OFF has no TLS to vary)
      results.addAll(new Runner(options(quick).include(DataPathBenchmark.class.getName())
          .param("mode", "MANDATORY", "STRICT").param("provider", "OPENSSL").build()).run());
    }
    Table t = new Table("6. JMH microbenchmarks (ns/op, bytes allocated/op from -prof gc)",
        "benchmark", "ns/op", "± error", "B/op");
    StringBuilder perPacket = new StringBuilder();
    boolean noGarbage = true;
    for (RunResult r : results) {
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      String name = r.getParams().getBenchmark();
      String mode = r.getParams().getParam("mode");
      String provider = r.getParams().getParam("provider");
      if (mode != null && provider != null && !provider.equals("JDK")) {
        mode = mode + " " + provider;
      }
      if (mode != null && alloc != null) {
        double bytes = alloc.getScore() / DataPathBenchmark.PACKETS;
        perPacket.append(perPacket.length() == 0 ? "" : ", ").append(mode).append(' ')
            .append(String.format(Locale.ROOT, "%.0f B", bytes));
        noGarbage &= bytes < 1;
      }
      t.row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + (mode == null ? "" : " " + mode),
          Format.one(primary.getScore()),
          Double.isNaN(primary.getScoreError()) ? "-" : Format.one(primary.getScoreError()),
          alloc == null ? "n/a" : String.format(Locale.ROOT, "%.0f", alloc.getScore()));
    }
    t.note("PRELOGIN: the client request our client sends. Framing: a 32 KiB result in 4096-byte packets.");
    t.note("DataPathBenchmark.relayPiece: one piece of a streamed result, " + DataPathBenchmark.PACKETS + " packets of"
        + " 4096 bytes, sent by the server core and read in place by the client core, in memory (OFF: clear, MANDATORY:"
        + " TDS 7.x TLS 1.2, STRICT: TLS 1.3), with the JDK's SSLEngine or with OpenSSL (netty-tcnative BoringSSL) on"
        + " both ends; B/op / " + DataPathBenchmark.PACKETS + " is the garbage per packet, both ends together.");
    targets.add(new Target("Allocation per relayed packet (JMH -prof gc): measured; goal none on the steady-state path",
        perPacket.length() == 0 ? "not measured" : perPacket + " per 4096-byte packet, server and client core together",
        noGarbage, "the core allocates no buffer per packet (packets are written into per-thread buffers and read in"
            + " place); what remains in clear is a packet header object. JFR allocation samples of this benchmark:"
            + " with the JDK, 93-96% of the bytes are allocated inside its SSLEngine, which builds a new AES-GCM state"
            + " per record (GHASH tables, GCTR counter, AAD buffer, IV clones); with OpenSSL what remains is netty's"
            + " SSLEngineResult per wrap and unwrap, direct-buffer views of its pooled buffers, and the packet header"));
    return t;
  }

  private static ChainedOptionsBuilder options(boolean quick) {
    ChainedOptionsBuilder b = new OptionsBuilder().addProfiler(GCProfiler.class).shouldFailOnError(true);
    if (quick) {
      b.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(50));
    } else {
      b.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
          .measurementIterations(5).measurementTime(TimeValue.seconds(1));
    }
    return b;
  }
}
