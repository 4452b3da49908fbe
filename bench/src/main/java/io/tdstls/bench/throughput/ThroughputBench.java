package io.tdstls.bench.throughput;

import io.tdstls.bench.BenchSettings;
import io.tdstls.bench.connect.LoginMode;
import io.tdstls.bench.fixture.BaselineClient;
import io.tdstls.bench.fixture.BaselineServer;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.server.TlsProvider;
import io.tdstls.bench.report.Format;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.server.TdsServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 3 and the throughput half of 5: a result of {@link BenchSettings#transferBytes()} streamed
 * from our server to our client with full encryption, strict and in clear, against the same number
 * of bytes over a raw JDK TLS socket and plain TCP. Each transfer is preceded by an untimed one of a
 * sixteenth of the size, to warm up the JIT, then timed {@link BenchSettings#transferRepeats()}
 * times; the median counts.
 */
public final class ThroughputBench {

  /** The largest packet size with encryption ([MS-TDS]: clients cap it at 16383). */
  static final int LARGE_PACKETS = 16383;
  /** [MS-TDS]'s initial packet size, and our client's default before it requested 8000. */
  static final int SMALL_PACKETS = 4096;

  private final BenchPki pki;
  private final BenchSettings settings;
  private final PrintStream log;
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Prepares the benchmark.
   *
   * @param pki the certificates
   * @param settings the transfer size
   * @param log where progress lines go
   */
  public ThroughputBench(BenchPki pki, BenchSettings settings, PrintStream log) {
    this.pki = pki;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Runs the transfers.
   *
   * @param openSsl whether to repeat the encrypted transfers with the OpenSSL provider on the server
   * @throws Exception if a transfer fails
   */
  public void run(boolean openSsl) throws Exception {
    log.println("[3] encrypted throughput, " + settings.transferBytes() / (1 << 20) + " MiB per transfer");
    TransferResult full;
    TransferResult strict;
    TransferResult plain;
    TransferResult fullLarge;
    TransferResult fullSmall;
    TransferResult raw12;
    TransferResult raw13;
    TransferResult tcp;
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.largeResultSessions(), 100);
        BaselineServer tls12 = BaselineServer.tls(pki.serverContext(), "TLSv1.2");
        BaselineServer tls13 = BaselineServer.tls(pki.serverContext(), "TLSv1.3");
        BaselineServer plainTcp = BaselineServer.tcp();
        TdsTransfer fullT = tds(server, LoginMode.FULL, ConnectionConfig.DEFAULT_PACKET_SIZE,
            "tds-tls full (7.x, TLS 1.2), packet size " + ConnectionConfig.DEFAULT_PACKET_SIZE);
        TdsTransfer strictT = tds(server, LoginMode.STRICT_TLS_13, ConnectionConfig.DEFAULT_PACKET_SIZE,
            "tds-tls strict (TLS 1.3), packet size " + ConnectionConfig.DEFAULT_PACKET_SIZE);
        TdsTransfer plainT = tds(server, LoginMode.NONE, ConnectionConfig.DEFAULT_PACKET_SIZE,
            "tds-tls plaintext TDS, packet size " + ConnectionConfig.DEFAULT_PACKET_SIZE);
        TdsTransfer fullSmallT = tds(server, LoginMode.FULL, SMALL_PACKETS,
            "tds-tls full (7.x, TLS 1.2), packet size " + SMALL_PACKETS);
        TdsTransfer fullLargeT = tds(server, LoginMode.FULL, LARGE_PACKETS,
            "tds-tls full (7.x, TLS 1.2), packet size " + LARGE_PACKETS)) {
      List<TransferResult> results = interleaved(List.of(fullT, strictT, plainT, fullLargeT,
          raw(tls12, "TLSv1.2"), raw(tls13, "TLSv1.3"), raw(plainTcp, null), fullSmallT));
      full = results.get(0);
      strict = results.get(1);
      plain = results.get(2);
      fullLarge = results.get(3);
      raw12 = results.get(4);
      raw13 = results.get(5);
      tcp = results.get(6);
      fullSmall = results.get(7);
    }
    Table t = new Table("3. Throughput: " + settings.transferBytes() / (1 << 20) + " MiB result, server to client",
        "transfer", "MB/s", "seconds", "baseline", "/ baseline", "/ plaintext TDS");
    row(t, full, raw12, plain);
    row(t, strict, raw13, plain);
    row(t, plain, tcp, plain);
    row(t, fullSmall, raw12, plain);
    row(t, fullLarge, raw12, plain);
    row(t, raw12, null, plain);
    row(t, raw13, null, plain);
    row(t, tcp, null, plain);
    t.note("tds-tls rows: one SELECT answered with VARBINARY(8000) rows, streamed by the server (StreamingSessionHandler)"
        + " and read packet by packet by the client (TdsSession.executeStreaming), checking the final DONE row count.");
    t.note("Raw rows: the same byte count written in 16 KiB writes over a JDK SSLSocket (same certificate) or plain TCP.");
    t.note("Packet size: each tds-tls row names the size the client requested and the server granted; "
        + ConnectionConfig.DEFAULT_PACKET_SIZE + " is the client's default (the size Microsoft's JDBC driver and SqlClient"
        + " request), " + SMALL_PACKETS + " the TDS initial size, " + LARGE_PACKETS + " the largest with encryption. In TDS"
        + " 7.x every packet is its own TLS record, so the packet size is the record size; in strict mode the packets"
        + " of a write share records of up to 16 KiB, as the raw socket's.");
    t.note("Each transfer: one untimed warm-up of a sixteenth of the size, then " + settings.transferRepeats()
        + " timed transfers; the table shows the median. The transfers of all rows take turns (round robin), so that"
        + " a load change on a shared machine hits every row alike and the ratios stay comparable.");
    tables.add(t);
    targets.add(ratioTarget("Full-encryption (7.x) throughput >= 0.8 x a raw JDK TLS 1.2 socket's", full, raw12,
        String.format(Locale.ROOT, "TDS 7.x puts each packet in its own TLS record, so %d-byte packets mean"
            + " records of that size against the raw socket's 16 KiB; the JDK's per-record cost (a fresh GCM cipher"
            + " state, GHASH tables and buffer duplicates per record, see the JMH B/op) is paid more often. With"
            + " %d-byte packets the ratio is %.2f, with %d-byte packets %.2f.", ConnectionConfig.DEFAULT_PACKET_SIZE,
            SMALL_PACKETS, fullSmall.megabytesPerSecond() / raw12.megabytesPerSecond(), LARGE_PACKETS,
            fullLarge.megabytesPerSecond() / raw12.megabytesPerSecond())));
    targets.add(ratioTarget("Strict (TLS 1.3) throughput >= 0.8 x a raw JDK TLS 1.3 socket's", strict, raw13,
        "records carry up to 16 KiB across packets, as the raw socket's do; what is left is the copy into the"
            + " staging buffer and the TDS framing."));
    targets.add(ratioTarget("Plaintext TDS throughput >= 0.8 x a raw TCP socket's", plain, tcp,
        "the server writes each piece's packets once, straight into a pooled direct buffer, and the client reads 64 KiB"
            + " at a time as the raw client does; what is left is the client's copy of each read into its packet"
            + " buffer, the packet headers, and the Netty event loop's hand-offs."));
    if (openSsl) {
      providers();
    }
  }

  private static Target ratioTarget(String name, TransferResult r, TransferResult baseline, String limit) {
    double ratio = r.megabytesPerSecond() / baseline.megabytesPerSecond();
    return new Target(name, String.format(Locale.ROOT, "%.2f (%.1f against %.1f MB/s)", ratio, r.megabytesPerSecond(),
        baseline.megabytesPerSecond()), ratio >= 0.8, ratio >= 0.8 ? "" : limit);
  }

  private void row(Table t, TransferResult r, TransferResult baseline, TransferResult plain) {
    t.row(r.name(), Format.one(r.megabytesPerSecond()), String.format(Locale.ROOT, "%.3f", r.seconds()),
        baseline == null ? "" : baseline.name(),
        baseline == null ? "" : Format.ratio(r.megabytesPerSecond(), baseline.megabytesPerSecond()),
        Format.ratio(r.megabytesPerSecond(), plain.megabytesPerSecond()));
  }

  private void providers() throws Exception {
    log.println("[5] JDK against OpenSSL TLS provider on the server: throughput");
    TransferResult full;
    TransferResult strict;
    TransferResult osslFull;
    TransferResult osslStrict;
    int packets = ConnectionConfig.DEFAULT_PACKET_SIZE;
    try (TdsServer jdk = BenchServers.start(pki, TlsProvider.JDK, BenchServers.largeResultSessions(), 100);
        TdsServer openSsl = BenchServers.start(pki, TlsProvider.OPENSSL, BenchServers.largeResultSessions(), 100);
        TdsTransfer a = tds(jdk, LoginMode.FULL, packets, "tds-tls full (TLS 1.2), JDK server");
        TdsTransfer b = tds(openSsl, LoginMode.FULL, packets, "tds-tls full (TLS 1.2), OpenSSL server");
        TdsTransfer c = tds(jdk, LoginMode.STRICT_TLS_13, packets, "tds-tls strict (TLS 1.3), JDK server");
        TdsTransfer d = tds(openSsl, LoginMode.STRICT_TLS_13, packets,
            "tds-tls strict (TLS 1.3), OpenSSL server")) {
      List<TransferResult> r = interleaved(List.of(a, b, c, d));
      full = r.get(0);
      osslFull = r.get(1);
      strict = r.get(2);
      osslStrict = r.get(3);
    }
    Table t = new Table("5b. Server TLS provider, JDK against OpenSSL: throughput",
        "mode", "JDK MB/s", "OpenSSL MB/s", "OpenSSL / JDK");
    t.row("full (7.x, TLS 1.2)", Format.one(full.megabytesPerSecond()), Format.one(osslFull.megabytesPerSecond()),
        Format.ratio(osslFull.megabytesPerSecond(), full.megabytesPerSecond()));
    t.row("strict TLS 1.3", Format.one(strict.megabytesPerSecond()), Format.one(osslStrict.megabytesPerSecond()),
        Format.ratio(osslStrict.megabytesPerSecond(), strict.megabytesPerSecond()));
    t.note("Only the server's SSLEngine changes; the client decrypts with the JDK in both columns.");
    tables.add(t);
  }

  private TdsTransfer tds(TdsServer server, LoginMode mode, int packetSize, String name) throws Exception {
    return new TdsTransfer(pki.caPem(), server.port(), mode, packetSize, name);
  }

  private Transfer raw(BaselineServer server, String protocol) {
    BaselineClient client = new BaselineClient(protocol == null ? null : pki.clientContext(), protocol, server.port());
    return Transfer.raw(protocol == null ? "raw TCP socket" : "raw JDK TLS socket " + protocol, client);
  }

  private List<TransferResult> interleaved(List<Transfer> transfers) throws Exception {
    return InterleavedTransfers.medians(transfers, settings.transferBytes(), settings.transferRepeats(), log);
  }

  /**
   * Returns the result tables.
   *
   * @return the tables, in order
   */
  public List<Table> tables() {
    return List.copyOf(tables);
  }

  /**
   * Returns where the throughput target stands.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }
}
