package io.tdstls.cli.connect;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.version.VersionProvider;
import io.tdstls.cli.output.ConsoleLogging;
import io.tdstls.cli.output.Json;
import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.QueryResult;
import io.tdstls.client.ResultTable;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsConfigException;
import io.tdstls.error.TdsException;
import io.tdstls.protocol.token.ServerMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tds-tls connect}: log in with any mode and option, show what was negotiated, run SQL. */
@Command(name = "connect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Log in with any mode and option, show what was negotiated, run SQL.",
        "%nConnects and logs in, prints what was negotiated (encryption outcome, TDS and TLS versions,"
            + " cipher suite, ALPN, SNI, certificate), runs each -Q batch and prints its result sets as tables."},
    footer = {"", "Examples:",
        "  TDS_PASSWORD=secret tds-tls connect -H db.example.com -U app --encrypt strict",
        "  tds-tls connect -H 127.0.0.1 -p 14330 -U app -P secret --server-certificate-sha256 AB:CD:...",
        "      -Q \"SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID\"",
        "  tds-tls connect --connection-string \"Server=tcp:db,1433;User Id=app;Encrypt=true\" --json",
        "  tds-tls connect --server myserver -U app        (freetds.conf section, found as FreeTDS does)",
        "", "Exit codes:",
        "  0 ok, 1 unexpected failure, 2 usage or configuration error, 3 connection failed, 4 timeout,",
        "  5 TLS handshake failed, 6 certificate not valid, 7 host name mismatch, 8 server requires",
        "  encryption, 9 server does not support encryption, 10 login refused, 11 SQL error,",
        "  12 protocol violation."})
public final class ConnectCommand implements Callable<Integer> {

  @Mixin TargetOptions target = new TargetOptions();

  @Mixin TlsOptions tls = new TlsOptions();

  @Mixin AuthOptions auth = new AuthOptions();

  @Option(names = "-Q", paramLabel = "SQL", description = "SQL batch to run after login (repeatable).")
  List<String> queries = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON document: session, results, error.")
  boolean json;

  /** Creates the command. */
  public ConnectCommand() {}

  /**
   * Builds the connection settings from the options.
   *
   * @param env the environment variables ({@code TDS_PASSWORD})
   * @return the settings
   * @throws TdsConfigException if a value is invalid or the settings contradict each other
   */
  public ConnectionConfig config(Map<String, String> env) {
    ConnectionConfig.Builder b = target.builder(env);
    ConnectionConfig source = b.build();
    b.tls(tls.apply(source.tls())).tlsProvider(tls.provider(source.tlsProvider()));
    target.applyTdsVersion(b);
    auth.apply(b);
    return b.build();
  }

  @Override
  public Integer call() {
    ConsoleLogging.install(Level.WARNING);
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Object> results = new ArrayList<>();
    ExitCode code = run(doc, results);
    if (json) {
      doc.putIfAbsent("session", null);
      doc.put("results", results);
      doc.putIfAbsent("error", null);
      System.out.println(Json.write(doc));
    }
    return code.code();
  }

  private ExitCode run(Map<String, Object> doc, List<Object> results) {
    ConnectionConfig config;
    TdsClient client;
    try {
      config = config(System.getenv());
      client = new TdsClient(config);
    } catch (TdsConfigException e) {
      System.err.println("tds-tls connect: " + e.getMessage());
      doc.put("error", Map.of("kind", "CONFIG", "message", e.getMessage()));
      return ExitCode.USAGE;
    }
    try (TdsSession session = client.connect()) {
      doc.put("session", SessionJson.session(session.report()));
      text(session.report().describe());
      for (String sql : queries) {
        QueryResult result = session.execute(sql);
        results.add(SessionJson.result(sql, result));
        text(format(result));
      }
      return ExitCode.OK;
    } catch (TdsException e) {
      doc.put("error", SessionJson.error(e));
      PrintStream err = System.err;
      err.println("tds-tls connect: " + e.describe());
      return ExitCode.of(e.kind());
    }
  }

  private void text(String s) {
    if (!json) {
      System.out.print(s);
    }
  }

  private static String format(QueryResult result) {
    StringBuilder out = new StringBuilder("\n");
    for (ServerMessage m : result.messages()) {
      out.append(m.message()).append('\n');
    }
    for (ResultTable t : result.tables()) {
      out.append(t.format()).append('(').append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows")
          .append(")\n");
    }
    return out.toString();
  }
}
