package io.tdstls.bench.connect;

import io.tdstls.bench.BenchSettings;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.bench.report.Format;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.client.ClientTlsProvider;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sections 5c and 5d: TLS handshakes per second of our client against our server, 1 thread, with
 * OpenSSL (BoringSSL) on both ends against the JDK on both ends, full handshakes (client session
 * cache off) and resumed ones (cache on); {@code openssl s_time -new} against {@code openssl
 * s_server} as a reference for what OpenSSL does without TDS.
 */
public final class HandshakeBench {

  /** The modes measured: the strict path with each TLS version, and TDS 7.x full encryption. */
  static final List<LoginMode> MODES = List.of(LoginMode.STRICT_TLS_13, LoginMode.STRICT_TLS_12, LoginMode.FULL);

  /** How many interleaved rounds each scenario is measured in. */
  static final int ROUNDS = 3;

  private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in [0-9.]+s");

  private final BenchPki pki;
  private final BenchSettings settings;
  private final PrintStream log;
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Prepares the benchmark.
   *
   * @param pki the certificates
   * @param settings durations and counts
   * @param log where progress lines go
   */
  public HandshakeBench(BenchPki pki, BenchSettings settings, PrintStream log) {
    this.pki = pki;
    this.settings = settings;
    this.log = log;
  }

  /** One measured scenario: the rate and how many of its connections resumed a session. */
  private record Measured(ConnectResult result, long resumed, long total) {
    String resumedShare() {
      return total == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * resumed / total);
    }
  }

  /**
   * Runs both tables.
   *
   * @throws Exception if a connection fails
   */
  public void run() throws Exception {
    log.println("[5c] handshakes per second: OpenSSL on both ends against the JDK on both ends (1 thread)");
    Measured[][] jdk = new Measured[MODES.size()][2];
    Measured[][] ossl = new Measured[MODES.size()][2];
    try (TdsServer jdkServer = BenchServers.start(pki, TlsProvider.JDK, BenchServers.diagnosticSessions(), 10_000);
        TdsServer osslServer = BenchServers.start(pki, TlsProvider.OPENSSL, BenchServers.diagnosticSessions(), 10_000)) {
      // every scenario once, untimed, first: otherwise the first one measured (the JDK's TLS 1.3) runs on a cold JIT
      LoadRunner pass = new LoadRunner(Duration.ZERO, settings.connections().warmup(), settings.connections().maxCount());
      for (LoginMode mode : MODES) {
        for (boolean resume : new boolean[] {false, true}) {
          pass.run("warm-up", 1, connector(jdkServer.port(), mode, ClientTlsProvider.JDK, resume).c());
          pass.run("warm-up", 1, connector(osslServer.port(), mode, ClientTlsProvider.OPENSSL, resume).c());
        }
      }
      measureInRounds(jdkServer.port(), osslServer.port(), jdk, ossl);
    }
    Table full = new Table("5c. Full TLS handshakes per second, 1 thread (TCP connect through LOGINACK, client session"
        + " cache off): JDK on both ends against OpenSSL (BoringSSL) on both ends",
        "mode", "JDK-only conn/s", "JDK-only p50 ms", "OpenSSL both ends conn/s", "OpenSSL p50 ms", "OpenSSL / JDK");
    double tls13Ratio = Double.NaN;
    for (int i = 0; i < MODES.size(); i++) {
      ConnectResult j = jdk[i][0].result();
      ConnectResult o = ossl[i][0].result();
      full.row(MODES.get(i).label(), Format.one(j.perSecond()), Format.millis(j.p50Nanos()), Format.one(o.perSecond()),
          Format.millis(o.p50Nanos()), Format.ratio(o.perSecond(), j.perSecond()));
      if (MODES.get(i) == LoginMode.STRICT_TLS_13) {
        tls13Ratio = o.perSecond() / j.perSecond();
      }
    }
    for (String version : List.of("1.3", "1.2")) {
      sTime(version).ifPresentOrElse(
          rate -> full.row("openssl s_time -new, TLS " + version + " (reference: no TDS)", "-", "-", Format.one(rate), "-", "-"),
          () -> full.note("openssl s_time TLS " + version + ": not run (the openssl command is missing or failed)"));
    }
    full.note("Every scenario ran once untimed first (JIT warm-up); then the twelve scenarios of 5c and 5d were measured in "
        + ROUNDS + " interleaved rounds of a third of the measuring time each; each cell is the scenario's median round.");
    full.note("Every connection is a full handshake: TlsConfig.sessionResumption(false) on the client (checked: no"
        + " connection reported a resumed session). The client verifies the chain and the host name in both columns.");
    full.note("openssl s_time -new -time 3 against openssl s_server -www with the same certificate (ECDSA P-256):"
        + " handshakes only, connections counted over the wall time of the s_time process.");
    tables.add(full);
    targets.add(new Target("With OpenSSL on both ends: TLS 1.3 (strict) handshakes >= 1.8 x the JDK-only rate",
        String.format(Locale.ROOT, "%.2f x (strict TLS 1.3, 1 thread, full handshakes)", tls13Ratio), tls13Ratio >= 1.8,
        "a TDS login is more than its handshake: TCP connect, PRELOGIN (two round trips in 7.x) and LOGIN7/LOGINACK"
            + " are the same for both providers and dilute the handshake's speed-up; the bench client and server share"
            + " the same 2 cores."));

    Table resumed = new Table("5d. Resumed against full TLS handshakes per second, 1 thread (client session cache on:"
        + " TLS 1.2 session IDs, TLS 1.3 tickets)",
        "ends", "mode", "full conn/s", "resumed conn/s", "resumed share", "resumed / full");
    double worst = Double.MAX_VALUE;
    String worstAt = "";
    for (int p = 0; p < 2; p++) {
      Measured[][] m = p == 0 ? jdk : ossl;
      String ends = p == 0 ? "JDK-JDK" : "OpenSSL-OpenSSL";
      for (int i = 0; i < MODES.size(); i++) {
        ConnectResult f = m[i][0].result();
        ConnectResult r = m[i][1].result();
        resumed.row(ends, MODES.get(i).label(), Format.one(f.perSecond()), Format.one(r.perSecond()),
            m[i][1].resumedShare(), Format.ratio(r.perSecond(), f.perSecond()));
        double ratio = r.perSecond() / f.perSecond();
        if (ratio < worst) {
          worst = ratio;
          worstAt = ends + ", " + MODES.get(i).label();
        }
      }
    }
    resumed.note("Resumed share: the connections whose SessionReport.sessionResumed() was true (all but the first of"
        + " the run when the server keeps its sessions). A resumed handshake skips the certificate and its"
        + " validation.");
    tables.add(resumed);
    targets.add(new Target("Resumed handshakes per second measured as a separate row, above full handshakes",
        String.format(Locale.ROOT, "lowest resumed / full %.2f (%s)", worst, worstAt), worst > 1.0,
        "the login round trips (PRELOGIN, LOGIN7) remain; resumption saves only the certificate and key exchange."));
  }

  /**
   * Measures the twelve scenarios in {@link #ROUNDS} interleaved rounds of a third of the measuring
   * time each, and keeps each scenario's median round: on a shared machine the load changes within
   * a run, and interleaving spreads it over every scenario instead of over the last ones measured.
   */
  private void measureInRounds(int jdkPort, int osslPort, Measured[][] jdk, Measured[][] ossl) throws Exception {
    Counting[][][] counting = new Counting[2][MODES.size()][2];
    List<List<ConnectResult>> rounds = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < MODES.size(); i++) {
        for (int r = 0; r < 2; r++) {
          counting[p][i][r] = connector(p == 0 ? jdkPort : osslPort, MODES.get(i),
              p == 0 ? ClientTlsProvider.JDK : ClientTlsProvider.OPENSSL, r == 1);
          rounds.add(new ArrayList<>());
        }
      }
    }
    LoadRunner third = new LoadRunner(Duration.ZERO, settings.connections().measure().dividedBy(ROUNDS),
        settings.connections().maxCount());
    for (int round = 0; round < ROUNDS; round++) {
      int k = 0;
      for (int p = 0; p < 2; p++) {
        for (int i = 0; i < MODES.size(); i++) {
          for (int r = 0; r < 2; r++) {
            String name = (p == 0 ? "JDK-JDK " : "OpenSSL-OpenSSL ") + MODES.get(i).label() + (r == 0 ? " full" : " resumed");
            ConnectResult result = third.run(name, 1, counting[p][i][r].c());
            log.printf("  round %d %-50s %8.1f conn/s  p50 %s ms%n", round + 1, name, result.perSecond(),
                Format.millis(result.p50Nanos()));
            rounds.get(k++).add(result);
          }
        }
      }
    }
    int k = 0;
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < MODES.size(); i++) {
        for (int r = 0; r < 2; r++) {
          List<ConnectResult> results = new ArrayList<>(rounds.get(k++));
          results.sort(java.util.Comparator.comparingDouble(ConnectResult::perSecond));
          Counting c = counting[p][i][r];
          Measured m = new Measured(results.get(results.size() / 2), c.resumed().get(), c.total().get());
          (p == 0 ? jdk : ossl)[i][r] = m;
          if (r == 0 && m.resumed() > 0) {
            throw new IllegalStateException(MODES.get(i).label() + ": a connection resumed with the cache off");
          }
        }
      }
    }
  }

  /** A connector that counts its connections and the resumed ones. */
  private record Counting(Connector c, AtomicLong resumed, AtomicLong total) {}

  private Counting connector(int port, LoginMode mode, ClientTlsProvider provider, boolean resume) {
    ConnectionConfig base = TdsConnectors.config(pki, port, mode);
    ConnectionConfig config = base.toBuilder().tlsProvider(provider)
        .tls(base.tls().toBuilder().sessionResumption(resume).build()).build();
    TdsClient client = new TdsClient(config);
    Outcome expected = TdsConnectors.expectedOutcome(mode);
    AtomicLong resumed = new AtomicLong();
    AtomicLong total = new AtomicLong();
    Connector c = () -> {
      try (TdsSession session = client.connect()) {
        if (session.report().outcome() != expected) {
          throw new IllegalStateException(mode.label() + " negotiated " + session.report().outcome());
        }
        total.incrementAndGet();
        if (session.report().sessionResumed()) {
          resumed.incrementAndGet();
        }
      }
    };
    return new Counting(c, resumed, total);
  }

  /** Runs {@code openssl s_time -new} against {@code openssl s_server}; empty if openssl is missing or fails. */
  private Optional<Double> sTime(String version) {
    Path dir;
    int port;
    try {
      dir = Files.createTempDirectory("tds-tls-s-time");
      Files.writeString(dir.resolve("cert.pem"), pki.server().certificatePem());
      Files.writeString(dir.resolve("key.pem"), pki.server().privateKeyPkcs8Pem());
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    String flag = version.equals("1.3") ? "-tls1_3" : "-tls1_2";
    Process server = null;
    try {
      server = new ProcessBuilder("openssl", "s_server", "-accept", Integer.toString(port), "-cert",
          dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(), "-www", "-quiet", flag)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!listening(port, server)) {
        return Optional.empty();
      }
      long start = System.nanoTime();
      Process client = new ProcessBuilder("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new", "-time",
          "3", flag).redirectErrorStream(true).start();
      String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      client.waitFor(30, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      Matcher m = S_TIME.matcher(out);
      if (!m.find()) {
        return Optional.empty();
      }
      double rate = Long.parseLong(m.group(1)) / seconds;
      log.printf("  %-50s %8.1f conn/s%n", "openssl s_time -new TLS " + version, rate);
      return Optional.of(rate);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (server != null) {
        server.destroy();
      }
    }
  }

  /** Waits up to 10 s for openssl s_server to accept TCP connections (it starts slowly on a busy machine). */
  private static boolean listening(int port, Process server) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && server.isAlive()) {
      try {
        new java.net.Socket("127.0.0.1", port).close();
        return true;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    return false;
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
   * Returns where the handshake targets stand.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }
}
