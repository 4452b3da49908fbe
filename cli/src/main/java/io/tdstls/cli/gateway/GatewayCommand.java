package io.tdstls.cli.gateway;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.cli.serve.FrontOptions;
import io.tdstls.cli.serve.FrontSetup;
import io.tdstls.cli.version.VersionProvider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.gateway.DrainResult;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.metrics.GatewayMetrics;
import io.tdstls.metrics.MetricsEndpoint;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tds-tls gateway}: a TDS-aware TLS-terminating proxy in front of an unchanged server. */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Relay clients to a SQL Server (or Babelfish), each side negotiating on its own.",
        "%nClients meet the front (the same listener as serve: TDS 7.x and strict on one port, hot-reloaded"
            + " certificates); each client gets its own backend connection. A strict TLS 1.3 client can so reach a"
            + " server that only speaks TDS 7.x with TLS 1.2. Failures on the back side reach the client as TDS"
            + " errors. One JSON audit line per connection on standard error (or --audit-file)."},
    footer = {"", "Examples:",
        "  tds-tls gateway --listen 0.0.0.0:1433 --cert gw.pem --key gw.key --backend sql.internal:1433 \\",
        "      --backend-ca-file internal-ca.pem",
        "  tds-tls gateway --listen 127.0.0.1:14331 --strict required --backend 127.0.0.1:14330 \\",
        "      --backend-server-certificate-sha256 <backend SHA-256> --json",
        "  tds-tls gateway --listen 0.0.0.0:1433 --backend sql.internal:1433 --metrics 0.0.0.0:9464 --drain-timeout 60",
        "  tds-tls gateway --cert gw.pem --key gw.key --client-ca clients-ca.pem --client-cert-mode required \\",
        "      --login certificate --login-certificate reporting=subject:CN=reporting,O=Example \\",
        "      --credentials reporting=report_reader:env:REPORT_PW --backend sql.internal:1433",
        "", "On SIGTERM: stops accepting, lets open sessions finish up to --drain-timeout, then closes the rest.",
        "/health answers 200 while accepting and 503 while draining; it does not follow the backend",
        "(alert on tdstls_gateway_backend_up instead).",
        "", "Exit codes: 0 stopped cleanly, 1 could not start, 2 usage error."})
public final class GatewayCommand implements Callable<Integer> {

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where clients connect (default 127.0.0.1:1433).")
  String listen = "127.0.0.1:1433";

  @Option(names = "--backend", paramLabel = "HOST:PORT", required = true, description = "The server relayed to.")
  String backend;

  @Mixin FrontOptions front = new FrontOptions();

  @Mixin BackendOptions back = new BackendOptions();

  @Mixin GatewayLoginOptions login = new GatewayLoginOptions();

  @Option(names = "--audit-file", paramLabel = "FILE", description = "Append the audit lines here instead of standard error.")
  Path auditFile;

  @Option(names = "--json", description = "Print the start-up facts as one JSON document.")
  boolean json;

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics and a health check at /health.")
  String metrics;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS",
      description = "On SIGTERM, how long open sessions may finish before they are closed (default 30).")
  int drainTimeoutSeconds = 30;

  /** Creates the command. */
  public GatewayCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    ConsoleLogging.install(Level.INFO);
    HostPort listenAt = HostPort.parse("--listen", listen, 0);
    HostPort backendAt = HostPort.parse("--backend", backend, 1);
    FrontSetup frontSetup = FrontSetup.of(front, listenAt.host(), ServerEncryption.FORCED);
    TlsConfig backTls = back.tlsConfig();
    GatewayConfig.Builder b = GatewayConfig.builder()
        .listen(listenAt.host(), listenAt.port())
        .frontPolicy(frontSetup.policy())
        .loginTimeout(frontSetup.loginTimeout())
        .maxConnections(frontSetup.maxConnections())
        .backend(backendAt.host(), backendAt.port())
        .backendTls(backTls)
        .backendTimeout(Duration.ofSeconds(Math.max(1, back.timeoutSeconds)))
        .audit(auditSink());
    PrometheusMeterRegistry registry = metrics == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics meters = registry == null ? null : new GatewayMetrics(registry, "gateway");
    if (meters != null) {
      b.events(meters);
    }
    if (frontSetup.tls() != null) {
      b.frontTls(frontSetup.tls(), frontSetup.provider());
    }
    login.applyTo(b);
    GatewayConfig config;
    try {
      config = b.build();
    } catch (IllegalStateException e) {
      throw new io.tdstls.error.TdsConfigException(e.getMessage(), e);
    }
    for (String w : warnings(config)) {
      System.err.println("WARNING: " + w);
    }
    TdsGateway gateway;
    try {
      gateway = TdsGateway.start(config);
    } catch (RuntimeException e) {
      System.err.println("tds-tls gateway: cannot listen on " + listen + ": " + e.getMessage()
          + "\n  hint: choose another --listen port (0 picks a free one) or stop what is listening there");
      return ExitCode.FAILURE.code();
    }
    MetricsEndpoint endpoint = null;
    if (meters != null) {
      meters.certificateExpiry(() -> gateway.frontCertificate().orElse(null));
      try {
        endpoint = MetricsEndpoint.start(metrics, registry, gateway::accepting);
      } catch (IOException e) {
        gateway.close();
        System.err.println("tds-tls gateway: cannot serve metrics on " + metrics + ": " + e.getMessage()
            + "\n  hint: choose another --metrics port (0 picks a free one) or stop what is listening there");
        return ExitCode.FAILURE.code();
      } catch (RuntimeException e) {
        gateway.close(); // a malformed --metrics address: reported as a usage error
        throw e;
      }
    }
    Duration drainTimeout = Duration.ofSeconds(Math.max(0, drainTimeoutSeconds));
    CountDownLatch stopped = new CountDownLatch(1);
    MetricsEndpoint http = endpoint;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
    Map<String, Object> facts = facts(config, frontSetup, gateway.port());
    facts.put("metrics_port", endpoint == null ? null : endpoint.port());
    facts.put("drain_timeout_seconds", drainTimeout.toSeconds());
    if (endpoint != null) {
      facts.put("metrics_url", "http://" + metrics.substring(0, metrics.lastIndexOf(':')) + ":" + endpoint.port()
          + "/metrics");
    }
    System.out.println(json ? Json.write(facts) : describe(facts));
    System.out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  private Consumer<String> auditSink() {
    if (auditFile == null) {
      return line -> System.err.println(line);
    }
    return line -> {
      synchronized (this) {
        try {
          Files.writeString(auditFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot append to --audit-file " + auditFile, e);
        }
      }
    };
  }

  static List<String> warnings(GatewayConfig c) {
    List<String> w = new ArrayList<>();
    TlsConfig t = c.backendTls();
    switch (t.mode()) {
      case OFF:
        w.add("--backend-encrypt off: logins and data travel in clear between the gateway and the backend");
        break;
      case OPTIONAL:
        w.add("--backend-encrypt optional: the backend may choose login-only or no encryption");
        break;
      default:
        break;
    }
    if (t.mode() != io.tdstls.negotiation.EncryptMode.OFF && t.trustServerCertificate()) {
      w.add("--backend-trust-server-certificate: the backend's certificate is not validated (a man in the middle"
          + " can read everything)");
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
    m.put("front_tls_provider", label(f.provider()));
    m.put("front_certificate", f.certificate() == null ? null
        : f.certificate().key().leaf().getSubjectX500Principal().getName());
    m.put("front_certificate_sha256", f.certificate() == null ? null : f.certificate().sha256().toString());
    m.put("backend", c.backendHost() + ":" + c.backendPort());
    TlsConfig t = c.backendTls();
    m.put("backend_encrypt", t.mode().label());
    m.put("backend_tls_min", t.minProtocolVersion().javaName());
    m.put("backend_tls_max", t.maxProtocolVersion().javaName());
    m.put("backend_validation", t.trustServerCertificate() ? "none (trust server certificate)"
        : t.hostnameVerification() ? "chain and host name" : "chain only");
    m.put("backend_insecure", c.backendInsecure());
    m.put("backend_timeout_seconds", c.backendTimeout().toSeconds());
    m.put("login", label(c.login().mode()));
    return m;
  }

  private static String describe(Map<String, Object> f) {
    return "tds-tls gateway: listening on " + f.get("listen_host") + ":" + f.get("listen_port")
        + ", relaying to " + f.get("backend")
        + "\n  front: encryption " + f.get("front_encryption") + ", strict " + f.get("front_strict")
        + ", TLS provider " + f.get("front_tls_provider")
        + (f.get("front_certificate") == null ? "" : "\n  front certificate " + f.get("front_certificate")
            + "\n  SHA-256 " + f.get("front_certificate_sha256"))
        + "\n  back: encrypt " + f.get("backend_encrypt") + ", TLS " + f.get("backend_tls_min") + ".."
        + f.get("backend_tls_max") + ", validation " + f.get("backend_validation")
        + "\n  login: " + f.get("login")
        + (f.get("metrics_url") == null ? "" : "\n  metrics at " + f.get("metrics_url") + ", health at /health")
        + "\nCtrl-C or SIGTERM stops the gateway (open sessions get " + f.get("drain_timeout_seconds")
        + "s to finish).";
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
