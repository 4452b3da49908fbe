package io.tdstls.cli.serve;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.server.TdsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.config.ConfigWatcher;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.metrics.MetricsEndpoint;
import io.tdstls.metrics.ServerMetrics;
import io.tdstls.server.PasswordFile;
import io.tdstls.server.ServerEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tds-tls serve}: the diagnostic endpoint as a long-running server. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Run the diagnostic endpoint as a long-running server.",
        "%nAny SQL Server client can log in and ask what it negotiated (SELECT * FROM tdstls.negotiation,"
            + " sys.dm_exec_connections, @@VERSION). TDS 7.x and strict on one port. Logs one line per connection"
            + " on standard error; stops on Ctrl-C or SIGTERM."},
    footer = {"", "Examples:",
        "  tds-tls serve --port 14330 --user app:secret",
        "  tds-tls serve --port 14330 --encryption forced --strict required",
        "  tds-tls serve --cert server.pem --key server.key --client-ca clients-ca.pem",
        "  tds-tls serve --port 0 --json        (a free port; the start-up facts as JSON)",
        "  tds-tls serve --config tds-tls.yaml --metrics 127.0.0.1:9464 --drain-timeout 30",
        "  tds-tls serve --check-config tds-tls.yaml",
        "", "With a generated certificate, clients pin it:",
        "  tds-tls connect -H 127.0.0.1 -p 14330 -U app -P secret --server-certificate-sha256 <printed SHA-256>",
        "", "On SIGTERM: stops accepting, lets open sessions finish up to --drain-timeout, then closes them.",
        "", "Exit codes: 0 stopped cleanly (or --check-config: valid), 1 could not start, 2 usage or configuration error."})
public final class ServeCommand implements Callable<Integer> {

  @Mixin ServeOptions options = new ServeOptions();

  @Option(names = "--json", description = "Print the start-up facts as one JSON document.")
  boolean json;

  @Option(names = "--check-config", paramLabel = "FILE",
      description = "Validate the configuration file and exit: 0 if valid, 2 with a message naming the key and line.")
  Path checkConfig;

  /** Creates the command. */
  public ServeCommand() {}

  @Override
  public Integer call() throws InterruptedException, IOException {
    if (checkConfig != null) {
      TdsTlsConfig checked = TdsTlsConfig.load(checkConfig);
      if (checked.users().file() != null) {
        PasswordFile.load(checked.users().file());
      }
      System.out.println(checkConfig + ": valid (listener " + checked.listener().host() + ":" + checked.listener().port()
          + ", " + checked.routes().size() + " route(s))");
      return ExitCode.OK.code();
    }
    ConsoleLogging.install(Level.INFO);
    TdsTlsConfig file = options.config == null ? null : TdsTlsConfig.load(options.config);
    String metricsAddress = options.metrics != null ? options.metrics : file == null ? null : file.metrics();
    Duration drainTimeout = options.drainTimeoutSeconds != null
        ? Duration.ofSeconds(Math.max(0, options.drainTimeoutSeconds))
        : file == null ? TdsTlsConfig.DEFAULT_DRAIN_TIMEOUT : file.drainTimeout();
    PrometheusMeterRegistry registry = metricsAddress == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerMetrics metrics = registry == null ? null : new ServerMetrics(registry, "serve");
    ServerEvents events = metrics == null ? ServerEvents.NONE : metrics;
    AtomicReference<ServeSetup> running = new AtomicReference<>(ServeSetup.of(options, file, null, events));
    ServeSetup setup = running.get();
    TdsServer server;
    try {
      server = TdsServer.start(setup.config());
    } catch (RuntimeException e) {
      System.err.println("tds-tls serve: cannot listen on " + setup.listener().host() + ":" + setup.listener().port()
          + ": " + e.getMessage() + "\n  hint: choose another --port (0 picks a free one) or stop what is listening there");
      return ExitCode.FAILURE.code();
    }
    AtomicBoolean serving = new AtomicBoolean(true);
    MetricsEndpoint endpoint = null;
    if (metrics != null) {
      metrics.certificateExpiry(() -> running.get().certificate() == null ? null : running.get().certificate().key().leaf());
      try {
        endpoint = MetricsEndpoint.start(metricsAddress, registry, serving::get);
      } catch (IOException e) {
        server.close();
        System.err.println("tds-tls serve: cannot serve metrics on " + metricsAddress + ": " + e.getMessage());
        return ExitCode.FAILURE.code();
      }
    }
    ConfigWatcher watcher = file == null ? null : ConfigWatcher.start(file, file.reloadInterval(), next -> {
      ServeSetup reloaded = ServeSetup.of(options, next, running.get(), events);
      server.reconfigure(reloaded.config());
      running.set(reloaded);
    });
    CountDownLatch stopped = new CountDownLatch(1);
    MetricsEndpoint http = endpoint;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      serving.set(false);
      if (watcher != null) {
        watcher.close();
      }
      // Printed, not logged: the JDK's logging resets its handlers in its own shutdown hook.
      int open = server.activeConnections();
      System.err.println("tds-tls serve: stopping: no new connections; " + open
          + " open, waiting up to " + drainTimeout.toSeconds() + "s for them to finish");
      try {
        int left = server.drain(drainTimeout);
        System.err.println(left == 0 ? "tds-tls serve: drained: all " + open + " open sessions finished"
            : "tds-tls serve: drain timeout: closing " + left + " sessions still open");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.close();
      if (http != null) {
        http.close();
      }
      System.err.println("tds-tls serve: stopped");
      stopped.countDown();
    }, "tds-tls-serve-stop"));
    List<String> startup = describe(setup, server.port());
    if (endpoint != null) {
      startup.add(startup.size() - 1, "  metrics at http://" + metricsAddress.substring(0, metricsAddress.lastIndexOf(':'))
          + ":" + endpoint.port() + "/metrics, health at /health");
    }
    if (file != null) {
      startup.add(startup.size() - 1, "  configuration " + file.source() + " (reloaded when it changes)");
    }
    System.out.println(json ? Json.write(facts(setup, server.port(), endpoint)) : String.join("\n", startup));
    System.out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  private Map<String, Object> facts(ServeSetup setup, int port, MetricsEndpoint endpoint) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", setup.listener().host());
    m.put("port", port);
    ServerPolicy p = setup.config().policy();
    m.put("encryption", label(p.encryption()));
    m.put("strict", label(p.strict()));
    m.put("client_cert_policy", label(p.clientCert()));
    m.put("tls_provider", setup.listener().tlsProvider());
    if (setup.certificate() != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("subject", setup.certificate().key().leaf().getSubjectX500Principal().getName());
      c.put("source", setup.certificate().source());
      c.put("sha256", setup.certificate().sha256().toString());
      c.put("pem_file", setup.certificate().pemFile() == null ? null : setup.certificate().pemFile().toString());
      m.put("certificate", c);
    } else {
      m.put("certificate", null);
    }
    m.put("users", new ArrayList<>(setup.userNames()));
    m.put("metrics_port", endpoint == null ? null : endpoint.port());
    if (setup.generatedUser()) {
      m.put("generated_password", setup.users().get(ServeSetup.DEFAULT_USER));
    }
    return m;
  }

  private List<String> describe(ServeSetup setup, int port) {
    List<String> lines = new ArrayList<>();
    ServerPolicy p = setup.config().policy();
    lines.add("tds-tls serve: diagnostic endpoint listening on " + setup.listener().host() + ":" + port);
    lines.add("  encryption " + label(p.encryption()) + ", strict " + label(p.strict())
        + ", CLIENT_CERT answered as " + label(p.clientCert())
        + (setup.certificate() == null ? "" : ", TLS provider " + setup.listener().tlsProvider()));
    if (setup.certificate() != null) {
      ServeCertificate c = setup.certificate();
      lines.add("  certificate " + c.key().leaf().getSubjectX500Principal().getName() + " (" + c.source() + ")");
      lines.add("  SHA-256 " + c.sha256());
      if (c.pemFile() != null) {
        lines.add("  PEM written to " + c.pemFile() + " (pin it: --server-certificate FILE or"
            + " --server-certificate-sha256 HEX)");
      }
    }
    if (setup.generatedUser()) {
      lines.add("  user " + ServeSetup.DEFAULT_USER + ", password " + setup.users().get(ServeSetup.DEFAULT_USER)
          + " (generated; give --user NAME:PASSWORD to choose)");
    } else {
      lines.add("  users " + String.join(", ", setup.userNames()));
    }
    lines.add("Ctrl-C or SIGTERM stops the server.");
    return lines;
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
