package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.LoginFailedException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in production, from the real jar: a config file with a users file made by {@code
 * hash-password}, hot reload (a valid change applied, an invalid one rejected), metrics scraped
 * over HTTP, and a graceful SIGTERM.
 */
class ServeOperationsIT {

  private static final Duration START = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void checkConfigSaysValidOrNamesTheKeyAndLine() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yaml"), "listener:\n  port: 14330\nroutes:\n  - name: a\n"
        + "    match: { default: true }\n    backend: { host: 127.0.0.1 }\n");
    Tool.Result ok = Tool.run("serve", "--check-config", good.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("good.yaml: valid (listener 127.0.0.1:14330, 1 route(s))");

    Path bad = Files.writeString(dir.resolve("bad.yaml"), "listener:\n  port: 14330\n  strict: sometimes\n");
    Tool.Result no = Tool.run("serve", "--check-config", bad.toString());
    assertThat(no.exit()).isEqualTo(2);
    assertThat(no.err()).contains("bad.yaml line 3 column 3: listener.strict: invalid value 'sometimes':"
        + " valid values are disabled, allowed, required");
  }

  @Test
  void hashPasswordReadsStdinNeverArgv() throws Exception {
    Tool.Result r = Tool.runWithInput("s3cret\n", "hash-password", "--user", "alice", "--iterations", "1000");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).matches("alice:pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+")
        .doesNotContain("s3cret");
    Tool.Result empty = Tool.runWithInput("", "hash-password");
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("no password");
  }

  @Test
  void reloadsMetersAndDrainsOnSigterm() throws Exception {
    Path users = dir.resolve("users.txt");
    Files.writeString(users, hash("alice", "alice-pw"));
    Path config = Files.writeString(dir.resolve("tds-tls.yaml"), String.join("\n",
        "listener:",
        "  port: 0",
        "  cert-dir: " + dir,
        "users:",
        "  file: users.txt",
        "metrics: 127.0.0.1:0",
        "drain-timeout: 3s",
        "reload-interval: 200ms",
        ""));
    try (Tool.Background server = Tool.start("serve", "--config", config.toString())) {
      String startup = server.awaitOutput("stops the server", START);
      int port = ServeConnectIT.port(startup);
      Matcher sha = Pattern.compile("SHA-256 ([0-9A-F:]{95})").matcher(startup);
      assertThat(sha.find()).as(startup).isTrue();
      Matcher metrics = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+)/metrics").matcher(startup);
      assertThat(metrics.find()).as(startup).isTrue();
      assertThat(startup).contains("users alice");

      login(port, sha.group(1), "alice", "alice-pw").close();
      assertThatThrownBy(() -> login(port, sha.group(1), "bob", "bob-pw")).isInstanceOf(LoginFailedException.class);

      Files.writeString(users, hash("alice", "alice-pw") + hash("bob", "bob-pw"));
      assertThat(server.awaitError("configuration reloaded", START)).contains("configuration reloaded");
      login(port, sha.group(1), "bob", "bob-pw").close();

      Files.writeString(config, Files.readString(config) + "listener:\n  port: 1\n");
      assertThat(server.awaitError("reload rejected", START))
          .containsPattern("reload rejected, the running configuration stays: .*tds-tls.yaml line 9 column \\d+: not valid YAML: Duplicate field 'listener'");
      login(port, sha.group(1), "bob", "bob-pw").close();

      String scrape = get(metrics.group(1) + "/metrics");
      assertThat(scrape).containsPattern("(?m)^tdstls_connections_total\\{listener=\"serve\"} 4.0$")
          .containsPattern("(?m)^tdstls_login_seconds_count\\{listener=\"serve\",result=\"accepted\"} 3(\\.0)?$")
          .containsPattern("(?m)^tdstls_login_seconds_count\\{listener=\"serve\",result=\"refused\"} 1(\\.0)?$");
      assertThat(get(metrics.group(1) + "/health")).isEqualTo("ok\n");

      try (TdsSession open = login(port, sha.group(1), "alice", "alice-pw")) {
        server.process.destroy();
        assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = server.err();
        assertThat(log).contains("stopping: no new connections; 1 open, waiting up to 3s for them to finish")
            .contains("drain timeout: closing 1 sessions still open")
            .contains("tds-tls serve: stopped");
      }
    }
  }

  @Test
  void sigtermWithNoOpenSessionsStopsAtOnce() throws Exception {
    try (Tool.Background server = Tool.start("serve", "--port", "0", "--cert-dir", dir.toString(),
        "--drain-timeout", "20")) {
      server.awaitOutput("stops the server", START);
      server.process.destroy();
      assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.err()).contains("stopping: no new connections; 0 open")
          .contains("drained: all 0 open sessions finished").contains("tds-tls serve: stopped");
    }
  }

  private static String hash(String user, String password) throws Exception {
    Tool.Result r = Tool.runWithInput(password + "\n", "hash-password", "--user", user, "--iterations", "1000");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  private static TdsSession login(int port, String sha, String user, String password) throws Exception {
    return TdsClient.connect(ConnectionConfig.builder().host("127.0.0.1").port(port).user(user)
        .password(password.toCharArray()).tls(TlsConfig.builder().mode(EncryptMode.MANDATORY)
            .serverCertificateSha256(sha).build()).build());
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
