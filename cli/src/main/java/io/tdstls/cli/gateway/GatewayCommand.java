package io.tdstls.cli.gateway;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.cli.serve.FrontOptions;
import io.tdstls.cli.serve.FrontSetup;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.gateway.GatewayConfig;
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
        "", "Exit codes: 0 stopped cleanly, 1 could not start, 2 usage error."})
public final class GatewayCommand implements Callable<Integer> {

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where clients connect (default 127.0.0.1:1433).")
  String listen = "127.0.0.1:1433";

  @Option(names = "--backend", paramLabel = "HOST:PORT", required = true, description = "The server relayed to.")
  String backend;

  @Mixin FrontOptions front = new FrontOptions();

  @Mixin BackendOptions back = new BackendOptions();

  @Option(names = "--audit-file", paramLabel = "FILE", description = "Append the audit lines here instead of standard error.")
  Path auditFile;

  @Option(names = "--json", description = "Print the start-up facts as one JSON document.")
  boolean json;

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
        .backendTls(backTls, back.provider())
        .backendTimeout(Duration.ofSeconds(Math.max(1, back.timeoutSeconds)))
        .audit(auditSink());
    if (frontSetup.tls() != null) {
      b.frontTls(frontSetup.tls(), frontSetup.provider());
    }
    GatewayConfig config = b.build();
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      System.err.println("tds-tls gateway: stopped");
      stopped.countDown();
    }, "tds-tls-gateway-stop"));
    Map<String, Object> facts = facts(config, frontSetup, gateway.port());
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
    m.put("backend_tls_provider", c.backendProvider().label());
    m.put("backend_validation", t.trustServerCertificate() ? "none (trust server certificate)"
        : t.hostnameVerification() ? "chain and host name" : "chain only");
    m.put("backend_insecure", c.backendInsecure());
    m.put("backend_timeout_seconds", c.backendTimeout().toSeconds());
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
        + ", TLS provider " + f.get("backend_tls_provider")
        + "\nCtrl-C or SIGTERM stops the gateway.";
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
