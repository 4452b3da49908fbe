package io.tdstls.cli.gateway;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.cli.serve.FrontOptions;
import io.tdstls.cli.serve.FrontSetup;
import io.tdstls.cli.version.VersionProvider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.config.ConfigWatcher;
import io.tdstls.config.Credentials;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.DrainResult;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.GatewayEvents;
import io.tdstls.gateway.GatewayRoute;
import io.tdstls.metrics.GatewayMetrics;
import io.tdstls.metrics.MetricsEndpoint;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tds-tls gateway}: a TDS-aware TLS-terminating proxy in front of unchanged servers. */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Relay clients to SQL Servers (or Babelfish), each side negotiating on its own.",
        "%nClients meet the front (the same listener as serve: TDS 7.x and strict on one port, hot-reloaded"
            + " certificates); each client gets its own backend connection. A strict TLS 1.3 client can so reach a"
            + " server that only speaks TDS 7.x with TLS 1.2. Failures on the back side reach the client as TDS"
            + " errors. One JSON audit line per connection on standard error (or --audit-file).",
        "%nOne backend (--backend), or several behind the one listener (--config FILE with routes, chosen by the"
            + " client's SNI, LOGIN7 server name or database). The file is reloaded when it changes: new connections"
            + " use the new routes and certificates, open ones keep theirs; an invalid file is logged and ignored."},
    footer = {"", "Examples:",
        "  tds-tls gateway --listen 0.0.0.0:1433 --cert gw.pem --key gw.key --backend sql.internal:1433 \\",
        "      --backend-ca-file internal-ca.pem",
        "  tds-tls gateway --listen 127.0.0.1:14331 --strict required --backend 127.0.0.1:14330 \\",
        "      --backend-server-certificate-sha256 <backend SHA-256> --json",
        "  tds-tls gateway --listen 0.0.0.0:1433 --backend sql.internal:1433 --metrics 0.0.0.0:9464 --drain-timeout 60",
        "  tds-tls gateway --cert gw.pem --key gw.key --client-ca clients-ca.pem --client-cert-mode required \\",
        "      --login certificate --login-certificate reporting=subject:CN=reporting,O=Example \\",
        "      --credentials reporting=report_reader:env:REPORT_PW --backend sql.internal:1433",
        "  tds-tls gateway --config gateway.yaml",
        "  tds-tls gateway --check-config gateway.yaml",
        "", "With --config, the front flags (--listen, --cert, --encryption, ...), --audit-file, --metrics and"
            + " --drain-timeout override the file; --backend, --backend-* and the --login flags are refused when the"
            + " file has routes (name the backends and their logins in one place).",
        "", "On SIGTERM: stops accepting, lets open sessions finish up to --drain-timeout, then closes the rest.",
        "/health answers 200 while accepting and 503 while draining; it does not follow the backend",
        "(alert on tdstls_gateway_backend_up instead).",
        "", "Exit codes: 0 stopped cleanly (or --check-config: valid), 1 could not start, 2 usage or configuration"
            + " error."})
public final class GatewayCommand implements Callable<Integer> {

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where clients connect (default 127.0.0.1:1433, or the config file's listener).")
  String listen;

  @Option(names = "--backend", paramLabel = "HOST:PORT",
      description = "The server relayed to (required unless --config names routes).")
  String backend;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file: listener, routes (several backends), audit-file; see the README."
          + " Reloaded when it changes.")
  Path config;

  @Option(names = "--check-config", paramLabel = "FILE",
      description = "Validate the configuration file (with the flags given) and print a summary without starting:"
          + " exit 0 if valid, 2 with a message naming the key and line.")
  Path checkConfig;

  @Mixin FrontOptions front = new FrontOptions();

  @Mixin BackendOptions back = new BackendOptions();

  @Mixin GatewayLoginOptions login = new GatewayLoginOptions();

  @Option(names = "--audit-file", paramLabel = "FILE", description = "Append the audit lines here instead of standard error.")
  Path auditFile;

  @Option(names = "--json", description = "Print the start-up facts (or the --check-config summary) as one JSON document.")
  boolean json;

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics and a health check at /health (default: the"
          + " config file's metrics, else none).")
  String metrics;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS",
      description = "On SIGTERM, how long open sessions may finish before they are closed (default 30, or the config"
          + " file's drain-timeout).")
  Integer drainTimeoutSeconds;

  /** Creates the command. */
  public GatewayCommand() {}

  private GatewaySetup.Flags flags(GatewayEvents events) {
    return new GatewaySetup.Flags(listen, backend, front, back, login, auditFile, events);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (checkConfig != null) {
      return check(checkConfig);
    }
    ConsoleLogging.install(Level.INFO);
    TdsTlsConfig file = config == null ? null : TdsTlsConfig.load(config);
    String metricsAddress = metrics != null ? metrics : file == null ? null : file.metrics();
    PrometheusMeterRegistry registry = metricsAddress == null ? null
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics meters = registry == null ? null : new GatewayMetrics(registry, "gateway");
    GatewayEvents events = meters == null ? GatewayEvents.NONE : meters;
    AtomicReference<GatewaySetup> running = new AtomicReference<>(GatewaySetup.of(flags(events), file, null));
    GatewaySetup setup = running.get();
    for (String w : warnings(setup.config())) {
      System.err.println("WARNING: " + w);
    }
    TdsGateway gateway;
    try {
      gateway = TdsGateway.start(setup.config());
    } catch (RuntimeException e) {
      System.err.println("tds-tls gateway: cannot listen on " + setup.config().listenHost() + ":"
          + setup.config().listenPort() + ": " + e.getMessage()
          + "\n  hint: choose another --listen port (0 picks a free one) or stop what is listening there");
      return ExitCode.FAILURE.code();
    }
    MetricsEndpoint endpoint = null;
    if (meters != null) {
      meters.certificateExpiry(() -> gateway.frontCertificate().orElse(null));
      try {
        endpoint = MetricsEndpoint.start(metricsAddress, registry, gateway::accepting);
      } catch (IOException e) {
        gateway.close();
        System.err.println("tds-tls gateway: cannot serve metrics on " + metricsAddress + ": " + e.getMessage()
            + "\n  hint: choose another --metrics port (0 picks a free one) or stop what is listening there");
        return ExitCode.FAILURE.code();
      } catch (RuntimeException e) {
        gateway.close(); // a malformed --metrics address: reported as a usage error
        throw e;
      }
    }
    Duration drainTimeout = drainTimeoutSeconds != null ? Duration.ofSeconds(Math.max(0, drainTimeoutSeconds))
        : file == null ? TdsTlsConfig.DEFAULT_DRAIN_TIMEOUT : file.drainTimeout();
    ConfigWatcher watcher = file == null ? null : ConfigWatcher.start(file, file.reloadInterval(), next -> {
      GatewaySetup reloaded = GatewaySetup.of(flags(events), next, running.get());
      gateway.reconfigure(reloaded.config());
      running.set(reloaded);
    });
    CountDownLatch stopped = new CountDownLatch(1);
    MetricsEndpoint http = endpoint;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (watcher != null) {
        watcher.close();
      }
      // Printed, not logged: the JDK's logging resets its handlers in its own shutdown hook.
      System.err.println("tds-tls gateway: stopping: no new connections; " + gateway.activeConnections()
          + " open, waiting up to " + drainTimeout.toSeconds() + "s for them to finish");
      try {
        DrainResult r = gateway.drain(drainTimeout);
        System.err.println("tds-tls gateway: drained " + r.finished() + ", closed " + r.closed()
            + (r.closed() == 0 ? "" : " (still open after --drain-timeout " + drainTimeout.toSeconds() + "s)"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      gateway.close();
      if (http != null) {
        http.close();
      }
      System.err.println("tds-tls gateway: stopped");
      stopped.countDown();
    }, "tds-tls-gateway-stop"));
    Map<String, Object> facts = facts(setup.config(), setup.front(), gateway.port());
    if (file != null) {
      facts.put("config", file.source().toString());
    }
    facts.put("metrics_port", endpoint == null ? null : endpoint.port());
    facts.put("drain_timeout_seconds", drainTimeout.toSeconds());
    if (endpoint != null) {
      facts.put("metrics_url", "http://" + metricsAddress.substring(0, metricsAddress.lastIndexOf(':')) + ":"
          + endpoint.port() + "/metrics");
    }
    System.out.println(json ? Json.write(facts) : describe(facts));
    System.out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  /** {@code --check-config}: everything {@code gateway} would load at start, without listening. */
  private int check(Path file) {
    TdsTlsConfig checked = TdsTlsConfig.load(file);
    GatewaySetup setup = GatewaySetup.of(flags(GatewayEvents.NONE), checked, null);
    for (GatewayRoute r : setup.config().routes().routes()) {
      for (Map.Entry<String, Credentials> c : r.credentials().entrySet()) {
        try {
          c.getValue().password().reveal();
        } catch (TdsConfigException e) {
          throw new TdsConfigException(file + ": routes[" + r.name() + "].credentials." + c.getKey() + ".password: "
              + e.getMessage() + " (" + c.getValue().password() + ")", e);
        }
      }
    }
    Map<String, Object> facts = facts(setup.config(), setup.front(), setup.config().listenPort());
    facts.put("config", file.toString());
    facts.put("valid", true);
    if (json) {
      System.out.println(Json.write(facts));
    } else {
      List<String> lines = new ArrayList<>();
      lines.add(file + ": valid (listener " + setup.config().listenHost() + ":" + setup.config().listenPort() + ", "
          + setup.config().routes().routes().size() + " route(s))");
      lines.add("  front: encryption " + facts.get("front_encryption") + ", strict " + facts.get("front_strict")
          + ", alpn " + facts.get("front_alpn") + (setup.front().certificate() == null ? ""
              : ", certificate " + facts.get("front_certificate") + " (" + setup.front().certificate().source() + ")"));
      for (GatewayRoute r : setup.config().routes().routes()) {
        lines.add("  " + routeLine(r));
      }
      if (checked.metrics() != null) {
        lines.add("  metrics at " + checked.metrics() + " (/metrics, /health)");
      }
      System.out.println(String.join("\n", lines));
    }
    for (String w : warnings(setup.config())) {
      System.err.println("WARNING: " + w);
    }
    return ExitCode.OK.code();
  }

  private static String routeLine(GatewayRoute r) {
    TlsConfig t = r.backendTls();
    return "route " + r.name() + ": " + match(r) + " -> " + r.backendAddress() + ", encrypt " + t.mode().label()
        + ", TLS " + t.minProtocolVersion().javaName() + ".." + t.maxProtocolVersion().javaName() + ", validation "
        + validation(t) + ", timeout " + r.backendTimeout().toSeconds() + "s, login " + label(r.login().mode())
        + (r.credentials().isEmpty() ? "" : ", credentials " + String.join(", ", r.credentials().keySet()));
  }

  private static String match(GatewayRoute r) {
    switch (r.match().kind()) {
      case DEFAULT:
        return "default";
      default:
        return label(r.match().kind()) + " " + r.match().value();
    }
  }

  static List<String> warnings(GatewayConfig c) {
    List<String> w = new ArrayList<>();
    boolean many = c.routes().routes().size() > 1;
    for (GatewayRoute r : c.routes().routes()) {
      String where = many || !r.name().equals(GatewayRoute.SINGLE) ? " (route " + r.name() + ")" : "";
      TlsConfig t = r.backendTls();
      switch (t.mode()) {
        case OFF:
          w.add("--backend-encrypt off" + where + ": logins and data travel in clear between the gateway and the"
              + " backend");
          break;
        case OPTIONAL:
          w.add("--backend-encrypt optional" + where + ": the backend may choose login-only or no encryption");
          break;
        default:
          break;
      }
      if (t.mode() != io.tdstls.negotiation.EncryptMode.OFF && t.trustServerCertificate()) {
        w.add("--backend-trust-server-certificate" + where + ": the backend's certificate is not validated (a man in"
            + " the middle can read everything)");
      }
    }
    return w;
  }

  private static Map<String, Object> facts(GatewayConfig c, FrontSetup f, int port) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("listen_host", c.listenHost());
    m.put("listen_port", port);
    ServerPolicy p = c.frontPolicy();
    m.put("front_encryption", label(p.encryption()));
    m.put("front_strict", label(p.strict()));
    m.put("front_alpn", label(p.alpn()));
    m.put("front_tls_provider", label(f.provider()));
    m.put("front_certificate", f.certificate() == null ? null
        : f.certificate().key().leaf().getSubjectX500Principal().getName());
    m.put("front_certificate_sha256", f.certificate() == null ? null : f.certificate().sha256().toString());
    List<GatewayRoute> routes = c.routes().routes();
    GatewayRoute first = routes.get(0);
    m.put("backend", first.backendAddress());
    TlsConfig t = first.backendTls();
    m.put("backend_encrypt", t.mode().label());
    m.put("backend_tls_min", t.minProtocolVersion().javaName());
    m.put("backend_tls_max", t.maxProtocolVersion().javaName());
    m.put("backend_tls_provider", c.backendProvider().label());
    m.put("backend_validation", validation(t));
    m.put("backend_insecure", c.backendInsecure());
    m.put("backend_timeout_seconds", first.backendTimeout().toSeconds());
    List<Map<String, Object>> list = new ArrayList<>();
    for (GatewayRoute r : routes) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("name", r.name());
      rm.put("match", match(r));
      rm.put("backend", r.backendAddress());
      rm.put("encrypt", r.backendTls().mode().label());
      rm.put("tls_min", r.backendTls().minProtocolVersion().javaName());
      rm.put("tls_max", r.backendTls().maxProtocolVersion().javaName());
      rm.put("validation", validation(r.backendTls()));
      rm.put("insecure", r.insecure());
      rm.put("timeout_seconds", r.backendTimeout().toSeconds());
      rm.put("login", label(r.login().mode()));
      list.add(rm);
    }
    m.put("routes", list);
    return m;
  }

  private static String validation(TlsConfig t) {
    return t.trustServerCertificate() ? "none (trust server certificate)"
        : t.hostnameVerification() ? "chain and host name" : "chain only";
  }

  @SuppressWarnings("unchecked")
  private static String describe(Map<String, Object> f) {
    List<Map<String, Object>> routes = (List<Map<String, Object>>) f.get("routes");
    StringBuilder b = new StringBuilder("tds-tls gateway: listening on " + f.get("listen_host") + ":"
        + f.get("listen_port") + (routes.size() == 1 ? ", relaying to " + f.get("backend")
            : ", relaying to " + routes.size() + " routes"));
    b.append("\n  front: encryption ").append(f.get("front_encryption")).append(", strict ").append(f.get("front_strict"))
        .append(", TLS provider ").append(f.get("front_tls_provider"));
    if (f.get("front_certificate") != null) {
      b.append("\n  front certificate ").append(f.get("front_certificate"))
          .append("\n  SHA-256 ").append(f.get("front_certificate_sha256"));
    }
    for (Map<String, Object> r : routes) {
      b.append(routes.size() == 1 ? "\n  back: " : "\n  route " + r.get("name") + " (" + r.get("match") + ") -> "
          + r.get("backend") + ": ")
          .append("encrypt ").append(r.get("encrypt")).append(", TLS ").append(r.get("tls_min")).append("..")
          .append(r.get("tls_max")).append(", validation ").append(r.get("validation"));
    }
    b.append(routes.size() == 1 ? ", TLS provider " : "\n  back TLS provider ").append(f.get("backend_tls_provider"));
    if (f.get("config") != null) {
      b.append("\n  configuration ").append(f.get("config")).append(" (reloaded when it changes)");
    }
    b.append("\n  login: ").append(routes.size() == 1 ? routes.get(0).get("login") : "per route");
    if (f.get("metrics_url") != null) {
      b.append("\n  metrics at ").append(f.get("metrics_url")).append(", health at /health");
    }
    return b.append("\nCtrl-C or SIGTERM stops the gateway (open sessions get ").append(f.get("drain_timeout_seconds"))
        .append("s to finish).").toString();
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
