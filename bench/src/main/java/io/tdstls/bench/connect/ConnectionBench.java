package io.tdstls.bench.connect;

import io.tdstls.bench.BenchSettings;
import io.tdstls.bench.fixture.BaselineClient;
import io.tdstls.bench.fixture.BaselineServer;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.bench.fixture.LoginShape;
import io.tdstls.server.TlsProvider;
import io.tdstls.bench.report.Format;
import io.tdstls.bench.report.Table;
import io.tdstls.bench.report.Target;
import io.tdstls.server.TdsServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Sections 1, 2 and the connection half of 5: connections per second and login latency of our
 * client against our server in every mode, with 1 client thread and with one per core, each
 * against the raw JDK TLS handshake (or TCP connect) of the same version; the Microsoft JDBC driver
 * in the same modes; and our server with the OpenSSL provider.
 */
public final class ConnectionBench {

  private final BenchPki pki;
  private final BenchSettings settings;
  private final PrintStream log;
  private final Map<String, ConnectResult> baselines = new LinkedHashMap<>();
  private final Map<String, ConnectResult> matchedBaselines = new LinkedHashMap<>();
  private final Map<LoginMode, ConnectResult> singleThread = new EnumMap<>(LoginMode.class);
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /**
   * Prepares the benchmark.
   *
   * @param pki the certificates
   * @param settings durations and counts
   * @param log where progress lines go
   */
  public ConnectionBench(BenchPki pki, BenchSettings settings, PrintStream log) {
    this.pki = pki;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Runs the three parts.
   *
   * @param openSsl whether to run the OpenSSL provider part
   * @throws Exception if a connection fails
   */
  public void run(boolean openSsl) throws Exception {
    // Held here: java.util.logging keeps loggers weakly, and a collected one would lose its level.
    java.util.logging.Logger serverLog = java.util.logging.Logger.getLogger(SERVER_LOGGER);
    java.util.logging.Level before = serverLog.getLevel();
    serverLog.setLevel(java.util.logging.Level.WARNING);
    try {
      runQuietly(openSsl);
    } finally {
      serverLog.setLevel(before);
    }
  }

  /**
   * The server's logger (its per-connection INFO lines), at WARNING while connections are counted:
   * with the JDK's console handler each INFO line costs a caller lookup, a date format and a write
   * to stderr, on the event loop, per login; the baselines log nothing. SQL Server, too, records
   * failed logins only by default.
   */
  static final String SERVER_LOGGER = "io.tdstls.server";

  private void runQuietly(boolean openSsl) throws Exception {
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.diagnosticSessions(), 10_000)) {
      rates(server.port());
      jdbc(server.port());
    }
    if (openSsl) {
      try (TdsServer server = BenchServers.start(pki, TlsProvider.OPENSSL, BenchServers.diagnosticSessions(), 10_000)) {
        openSsl(server.port());
      }
    }
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
   * Returns where the connection targets stand.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return List.copyOf(targets);
  }

  private ConnectResult measure(String name, int threads, Connector c, LoadRunner runner) throws Exception {
    ConnectResult r = runner.run(name, threads, c);
    log.printf("  %-40s %2d thr  %8.1f conn/s  p50 %s ms  p99 %s ms%n", name, threads, r.perSecond(),
        Format.millis(r.p50Nanos()), Format.millis(r.p99Nanos()));
    return r;
  }

  private ConnectResult baseline(LoginMode mode, int threads) throws Exception {
    String kind = mode.tls().map(v -> "JDK TLS socket " + v.javaName()).orElse("TCP connect");
    String key = kind + "/" + threads;
    if (!baselines.containsKey(key)) {
      SSLContext client = mode.tls().isPresent() ? pki.clientContext() : null;
      String protocol = mode.tls().map(v -> v.javaName()).orElse(null);
      try (BaselineServer server = protocol == null ? BaselineServer.tcp()
          : BaselineServer.tls(pki.serverContext(), protocol)) {
        BaselineClient bc = new BaselineClient(client, protocol, server.port());
        baselines.put(key, measure(kind, threads, () -> bc.fetch(1), settings.connections()));
      }
    }
    return baselines.get(key);
  }

  /** The round trips of a TDS login in a mode, without TDS. */
  static LoginShape shape(LoginMode mode) {
    switch (mode) {
      case LOGIN_ONLY:
      case FULL:
        return LoginShape.TDS_7_TLS;
      case NONE:
        return LoginShape.CLEAR;
      default:
        return LoginShape.STRICT;
    }
  }

  /** The round-trip-matched baseline: a TDS login's exchanges and handshake, with the JDK's sockets and no TDS. */
  private ConnectResult matchedBaseline(LoginMode mode, int threads) throws Exception {
    LoginShape shape = shape(mode);
    String kind = mode.tls().map(v -> "JDK " + v.javaName() + ", ").orElse("TCP, ") + shape.clearExchanges()
        + " clear + " + shape.tlsExchanges() + " TLS round trips";
    String key = kind + "/" + threads;
    if (!matchedBaselines.containsKey(key)) {
      SSLContext client = mode.tls().isPresent() ? pki.clientContext() : null;
      String protocol = mode.tls().map(v -> v.javaName()).orElse(null);
      try (BaselineServer server = BaselineServer.shaped(client == null ? null : pki.serverContext(), protocol, shape)) {
        BaselineClient bc = new BaselineClient(client, protocol, server.port());
        matchedBaselines.put(key, measure(kind, threads, () -> bc.login(shape), settings.connections()));
      }
    }
    return matchedBaselines.get(key);
  }

  private void rates(int port) throws Exception {
    log.println("[1] connections per second and login latency");
    Table t = new Table("1. Connections per second and login latency (TCP connect through LOGINACK)",
        "mode", "client threads", "conn/s", "p50 ms", "p99 ms", "baseline", "baseline conn/s", "baseline p50 ms",
        "tds-tls / baseline", "round-trip-matched conn/s", "tds-tls / matched");
    warmUp(port);
    double worst = Double.MAX_VALUE;
    String worstAt = "";
    double worstBare = Double.MAX_VALUE;
    String worstBareAt = "";
    for (int threads : new int[] {1, settings.threads()}) {
      for (LoginMode mode : LoginMode.values()) {
        ConnectResult r = measure("tds-tls " + mode.label(), threads, TdsConnectors.login(pki, port, mode),
            settings.connections());
        if (threads == 1) {
          singleThread.put(mode, r);
        }
        ConnectResult b = baseline(mode, threads);
        ConnectResult m = matchedBaseline(mode, threads);
        t.row(mode.label(), threads, Format.one(r.perSecond()), Format.millis(r.p50Nanos()),
            Format.millis(r.p99Nanos()), b.name(), Format.one(b.perSecond()), Format.millis(b.p50Nanos()),
            Format.ratio(r.perSecond(), b.perSecond()), Format.one(m.perSecond()),
            Format.ratio(r.perSecond(), m.perSecond()));
        double bare = r.perSecond() / b.perSecond();
        if (threads == 1 && bare < worstBare) {
          worstBare = bare;
          worstBareAt = mode.label();
        }
        double ratio = r.perSecond() / m.perSecond();
        if (threads == 1 && ratio < worst) {
          worst = ratio;
          worstAt = mode.label();
        }
      }
    }
    t.note("Baseline: a JDK SSLSocket handshake to an SSLServerSocket with the same certificate and TLS version"
        + " (plain TCP connect for no encryption), then one byte each way, then close; no TDS.");
    t.note("Round-trip-matched baseline: the round trips a TDS login of that mode makes, with the JDK's sockets and"
        + " no TDS; each exchange is 8 bytes from the client answered by " + LoginShape.ANSWER_BYTES + " bytes."
        + " 7.x with TLS: TCP connect, one exchange in clear (PRELOGIN), the TLS handshake layered on the same socket,"
        + " one exchange in TLS (LOGIN7/LOGINACK). Strict: TCP connect, the handshake, two exchanges in TLS"
        + " (PRELOGIN, LOGIN7). No encryption: TCP connect, two exchanges in clear.");
    t.note("A TDS login in every mode makes one round trip more than the bare baseline (connect, handshake, one"
        + " exchange): PRELOGIN. The 'tds-tls / baseline' column counts it against us; 'tds-tls / matched' does not,"
        + " and is what the connection-rate target is judged on.");
    t.note("The server's log is at WARNING while connections are counted (its per-login INFO line goes to the"
        + " console otherwise; neither baseline logs); failed logins are still logged.");
    t.note("Both sides reuse one SSLContext per scenario, so JDK session caching (TLS 1.2 resumption) applies to tds-tls"
        + " and both baselines alike.");
    tables.add(t);
    targets.add(new Target("Connection rate (1 client thread) >= 0.9 x a raw JDK TLS handshake (TCP connect for no"
        + " encryption) with the same round trips, in every mode",
        String.format(java.util.Locale.ROOT, "lowest ratio %.2f (%s); against the bare handshake with one round trip"
            + " fewer: lowest %.2f (%s)", worst, worstAt, worstBare, worstBareAt), worst >= 0.9,
        "the bare handshake makes one round trip fewer than any TDS login (PRELOGIN), so against it the ratio is"
            + " bounded by the round trip's share of the login time; what remains against the matched baseline is"
            + " TDS's own work (PRELOGIN, LOGIN7 and the login answer encoded and decoded, the password check)."));
  }

  /**
   * Connects in every mode, and to every baseline, for the warm-up time each, untimed: otherwise
   * the first scenario would be measured before the JIT has compiled the shared code.
   */
  private void warmUp(int port) throws Exception {
    LoadRunner pass = new LoadRunner(Duration.ZERO, settings.connections().warmup(), settings.connections().maxCount());
    for (LoginMode mode : LoginMode.values()) {
      pass.run("warm-up", 1, TdsConnectors.login(pki, port, mode));
      String protocol = mode.tls().map(v -> v.javaName()).orElse(null);
      try (BaselineServer server = protocol == null ? BaselineServer.tcp()
          : BaselineServer.tls(pki.serverContext(), protocol)) {
        BaselineClient bc = new BaselineClient(protocol == null ? null : pki.clientContext(), protocol, server.port());
        pass.run("warm-up", 1, () -> bc.fetch(1));
      }
    }
  }

  private void jdbc(int port) throws Exception {
    log.println("[2] tds-tls client against Microsoft's JDBC driver (1 thread)");
    Table t = new Table("2. Our client against Microsoft's JDBC driver (mssql-jdbc 13.6.2.jre11), same server, 1 thread",
        "mode", "tds-tls conn/s", "tds-tls p50 ms", "mssql-jdbc encrypt=", "mssql-jdbc conn/s", "mssql-jdbc p50 ms",
        "tds-tls / mssql-jdbc");
    double worst = Double.MAX_VALUE;
    String worstAt = "";
    for (LoginMode mode : LoginMode.values()) {
      if (mode.jdbcEncrypt().isEmpty()) {
        continue;
      }
      ConnectResult ours = singleThread.get(mode);
      ConnectResult theirs = measure("mssql-jdbc encrypt=" + mode.jdbcEncrypt().get() + " (" + mode.label() + ")", 1,
          JdbcConnectors.login(pki, port, mode), settings.jdbcConnections());
      t.row(mode.label(), Format.one(ours.perSecond()), Format.millis(ours.p50Nanos()), mode.jdbcEncrypt().get(),
          Format.one(theirs.perSecond()), Format.millis(theirs.p50Nanos()),
          Format.ratio(ours.perSecond(), theirs.perSecond()));
      double ratio = ours.perSecond() / theirs.perSecond();
      if (ratio < worst) {
        worst = ratio;
        worstAt = mode.label();
      }
    }
    t.note("The JDBC driver trusts the bench CA through a PKCS#12 trust store and checks the host name, as our client does"
        + " (encrypt=false: trustServerCertificate=true; login-only certificates are not validated by Microsoft drivers).");
    tables.add(t);
    targets.add(new Target("Our client connects at least as fast as Microsoft's JDBC driver",
        String.format(java.util.Locale.ROOT, "lowest ratio %.2f (%s)", worst, worstAt), worst >= 1.0, ""));
  }

  private void openSsl(int port) throws Exception {
    log.println("[5] JDK against OpenSSL TLS provider on the server: connections (1 thread)");
    Table t = new Table("5a. Server TLS provider, JDK against OpenSSL (BoringSSL via netty-tcnative): connections, 1 thread",
        "mode", "JDK conn/s", "JDK p50 ms", "OpenSSL conn/s", "OpenSSL p50 ms", "OpenSSL / JDK");
    for (LoginMode mode : LoginMode.values()) {
      if (mode.tls().isEmpty()) {
        continue;
      }
      ConnectResult jdk = singleThread.get(mode);
      ConnectResult ossl = measure("tds-tls " + mode.label() + " (OpenSSL server)", 1,
          TdsConnectors.login(pki, port, mode), settings.connections());
      t.row(mode.label(), Format.one(jdk.perSecond()), Format.millis(jdk.p50Nanos()), Format.one(ossl.perSecond()),
          Format.millis(ossl.p50Nanos()), Format.ratio(ossl.perSecond(), jdk.perSecond()));
    }
    t.note("The client is our client (JDK TLS) in both columns; only the server's SSLEngine changes.");
    tables.add(t);
  }
}
