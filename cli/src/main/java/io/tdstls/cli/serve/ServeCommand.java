package io.tdstls.cli.serve;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.server.TdsServer;
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
        "", "With a generated certificate, clients pin it:",
        "  tds-tls connect -H 127.0.0.1 -p 14330 -U app -P secret --server-certificate-sha256 <printed SHA-256>",
        "", "Exit codes: 0 stopped cleanly, 1 could not start, 2 usage error."})
public final class ServeCommand implements Callable<Integer> {

  @Mixin ServeOptions options = new ServeOptions();

  @Option(names = "--json", description = "Print the start-up facts as one JSON document.")
  boolean json;

  /** Creates the command. */
  public ServeCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    ConsoleLogging.install(Level.INFO);
    ServeSetup setup = ServeSetup.of(options);
    TdsServer server;
    try {
      server = TdsServer.start(setup.config());
    } catch (RuntimeException e) {
      System.err.println("tds-tls serve: cannot listen on " + options.host + ":" + options.port + ": " + e.getMessage()
          + "\n  hint: choose another --port (0 picks a free one) or stop what is listening there");
      return ExitCode.FAILURE.code();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      System.err.println("tds-tls serve: stopped");
      stopped.countDown();
    }, "tds-tls-serve-stop"));
    System.out.println(json ? Json.write(facts(setup, server.port())) : String.join("\n", describe(setup, server.port())));
    System.out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  private Map<String, Object> facts(ServeSetup setup, int port) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", options.host);
    m.put("port", port);
    ServerPolicy p = setup.config().policy();
    m.put("encryption", label(p.encryption()));
    m.put("strict", label(p.strict()));
    m.put("client_cert_policy", label(p.clientCert()));
    m.put("tls_provider", options.front.tlsProvider.toLowerCase(java.util.Locale.ROOT));
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
    m.put("users", new ArrayList<>(setup.users().keySet()));
    if (setup.generatedUser()) {
      m.put("generated_password", setup.users().get(ServeSetup.DEFAULT_USER));
    }
    return m;
  }

  private List<String> describe(ServeSetup setup, int port) {
    List<String> lines = new ArrayList<>();
    ServerPolicy p = setup.config().policy();
    lines.add("tds-tls serve: diagnostic endpoint listening on " + options.host + ":" + port);
    lines.add("  encryption " + label(p.encryption()) + ", strict " + label(p.strict())
        + ", CLIENT_CERT answered as " + label(p.clientCert())
        + (setup.certificate() == null ? "" : ", TLS provider " + options.front.tlsProvider.toLowerCase(java.util.Locale.ROOT)));
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
      lines.add("  users " + String.join(", ", setup.users().keySet()));
    }
    lines.add("Ctrl-C or SIGTERM stops the server.");
    return lines;
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
