package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tds-tls gateway --config} and {@code --check-config} from the real jar: a two-route file
 * checked and summarised, a bad one refused with its key and line, and a running gateway whose
 * file is rewritten (new connections follow the new route) and then broken (the running routes
 * stay, the log names the key and line).
 */
class GatewayConfigIT {

  private static final Duration START = Duration.ofSeconds(30);
  private static final String USER = "app";
  private static final String PASSWORD = "Gateway-it-pw1";

  @TempDir Path dir;

  @Test
  void checkConfigSummarisesAGoodFileAndNamesTheKeyAndLineOfABadOne() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yaml"), """
        listener:
          port: 14339
          strict: required
          alpn: required
        routes:
          - name: sales
            match: { sni: sales.example.com }
            backend: { host: 127.0.0.1, port: 14330, timeout: 5s, tls: { encrypt: strict, tls-min: "1.3" } }
          - name: legacy
            match: { default: true }
            backend: { host: legacy.internal, tls: { encrypt: mandatory, tls-max: "1.2" } }
        """);
    Tool.Result ok = Tool.run("gateway", "--check-config", good.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("good.yaml: valid (listener 127.0.0.1:14339, 2 route(s))")
        .contains("front: encryption forced, strict required, alpn required")
        .contains("route sales: sni sales.example.com -> 127.0.0.1:14330, encrypt strict, TLS TLSv1.3..TLSv1.3")
        .contains("timeout 5s")
        .contains("route legacy: default -> legacy.internal:1433, encrypt mandatory, TLS TLSv1.2..TLSv1.2");

    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        routes:
          - name: sales
            match: { sni: sales.example.com, database: sales }
            backend: { host: 127.0.0.1 }
        """);
    Tool.Result no = Tool.run("gateway", "--check-config", bad.toString());
    assertThat(no.exit()).isEqualTo(2);
    assertThat(no.err()).contains("bad.yaml line 3 column 5: routes[0].match: give exactly one of sni, server-name,"
        + " database or default");

    Tool.Result both = Tool.run("gateway", "--check-config", good.toString(), "--backend", "127.0.0.1:1");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--backend and the --backend-* options cannot be combined with --config");

    Tool.Result none = Tool.run("gateway", "--listen", "127.0.0.1:0");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no backend: give --backend HOST:PORT, or --config FILE with routes");
  }

  @Test
  void aRunningGatewayFollowsItsRewrittenFileAndKeepsItsRoutesOnABadOne() throws Exception {
    HeldCertificate ca = HeldCertificate.builder().commonName("gateway IT CA").certificateAuthority(0).build();
    Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    try (TdsServer a = backend(ca, "it-backend-a"); TdsServer b = backend(ca, "it-backend-b")) {
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, yaml(a, caFile));
      try (Tool.Background gw = Tool.start("gateway", "--config", file.toString(), "--json",
          "--audit-file", dir.resolve("audit.log").toString())) {
        String out = gw.awaitOutput("\"config\":", START);
        int port = Integer.parseInt(field(out, "\"listen_port\":\\s*(\\d+)"));
        String sha = field(out, "\"front_certificate_sha256\":\\s*\"([^\"]+)\"");
        assertThat(out).contains("\"name\": \"to-a\"");
        ConnectionConfig client = ConnectionConfig.builder().host("127.0.0.1").port(port).user(USER)
            .password(PASSWORD.toCharArray())
            .tls(TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificateSha256(sha).build()).build();
        assertThat(serverName(client)).isEqualTo("it-backend-a");

        replace(file, yaml(b, caFile));
        assertThat(gw.awaitError("gateway reconfigured", START)).contains("gateway reconfigured: 1 route(s)");
        assertThat(serverName(client)).isEqualTo("it-backend-b");

        replace(file, yaml(b, caFile).replace("port: " + b.port(), "port: 70000"));
        String err = gw.awaitError("configuration reload rejected", START);
        assertThat(err).contains("configuration reload rejected, the running configuration stays:")
            .contains("gateway.yaml line 9").contains("routes[0].backend.port: invalid value '70000'");
        assertThat(serverName(client)).as("the running routes stay").isEqualTo("it-backend-b");
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"route\":\"to-a\"")
            .contains("\"route\":\"to-b\"");
      }
    }
  }

  static String yaml(TdsServer backend, Path caFile) {
    return "listener:\n  port: 0\n  cert-dir: " + caFile.getParent() + "\n"
        + "reload-interval: 200ms\n"
        + "routes:\n"
        + "  - name: to-" + tag(backend) + "\n"
        + "    match: { default: true }\n"
        + "    backend: { host: 127.0.0.1,\n      port: " + backend.port() + ",\n"
        + "      tls: { encrypt: mandatory, ca-file: " + caFile + " } }\n";
  }

  private static final Map<Integer, String> TAGS = new java.util.concurrent.ConcurrentHashMap<>();

  static String tag(TdsServer s) {
    return TAGS.get(s.port());
  }

  static TdsServer backend(HeldCertificate ca, String name) throws Exception {
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1").serverAuth()
        .signedBy(ca).build();
    TdsServer s = TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of(USER, PASSWORD)), StrictPolicy.DISABLED,
            name))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build()))
        .build());
    TAGS.put(s.port(), name.substring(name.length() - 1));
    return s;
  }

  static void replace(Path file, String text) throws Exception {
    Path tmp = Files.writeString(file.resolveSibling("next.yaml"), text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String serverName(ConnectionConfig c) throws Exception {
    try (TdsSession s = TdsClient.connect(c)) {
      return String.valueOf(s.execute("SELECT @@SERVERNAME").firstTable().rows().get(0).get(0));
    }
  }

  static String field(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }
}
