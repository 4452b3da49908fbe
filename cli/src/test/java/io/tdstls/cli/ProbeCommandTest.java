package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.tdstls.tls.pki.HeldCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tds-tls probe} through picocli, against the project's own server on loopback. */
class ProbeCommandTest {

  @TempDir static Path dir;
  static HeldCertificate ca;
  static HeldCertificate server;
  static Path caFile;

  @BeforeAll
  static void certificates() throws IOException {
    Instant from = Instant.now().minus(Duration.ofDays(1));
    Instant to = Instant.now().plus(Duration.ofDays(365));
    ca = HeldCertificate.builder().commonName("probe command CA").certificateAuthority(0).validity(from, to).build();
    server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth().signedBy(ca)
        .validity(from, to).build();
    caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
  }

  static TdsServer start(ServerEncryption encryption, StrictPolicy strict) throws InterruptedException {
    ServerEngineFactory engines = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(server.certifiedKey()).build());
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, strict))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of("app", "pw")), strict, "probe-cli-test"))
        .engines(engines::newEngine)
        .build());
  }

  /** Output, error output and exit code of one run. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ProbeCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void serverWithoutTlsExitsThreeWithTheCriticalFinding() throws Exception {
    try (TdsServer s = start(ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED)) {
      Run r = run("localhost:" + s.port());

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.out()).contains("== localhost:" + s.port() + " ==")
          .contains("endpoint: no TLS at all")
          .contains("[CRITICAL] no TLS at all")
          .contains("fix: install a certificate")
          .doesNotContain("\u001b[");
    }
  }

  @Test
  void forcedEncryptionWithATrustedCertificateExitsZero() throws Exception {
    try (TdsServer s = start(ServerEncryption.FORCED, StrictPolicy.ALLOWED)) {
      Run r = run("--ca-file", caFile.toString(), "localhost:" + s.port());

      assertThat(r.out()).contains("endpoint: encryption forced")
          .contains("Strict (TDS 8.0, TLS first): supported")
          .contains("--ca-file: trusted")
          .contains("Cipher suites inside TDS 7.x PRELOGIN")
          .contains("Cipher suites strict (TLS first)")
          .doesNotContain("[LOW]").doesNotContain("[MEDIUM]").doesNotContain("[HIGH]").doesNotContain("[CRITICAL]");
      assertThat(r.exit()).isZero();
    }
  }

  @Test
  void targetsFileAndSarifReport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (TdsServer a = start(ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED);
        TdsServer b = start(ServerEncryption.FORCED, StrictPolicy.ALLOWED)) {
      java.nio.file.Path list = dir.resolve("targets.txt");
      java.nio.file.Files.writeString(list, "# two endpoints\nlocalhost:" + a.port() + "\n\nlocalhost:" + b.port()
          + "  # forced\n");
      java.nio.file.Path sarif = dir.resolve("probe.sarif");
      Run r = run("--targets", list.toString(), "--ca-file", caFile.toString(), "--sarif", sarif.toString());

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.out()).contains("== localhost:" + a.port() + " ==").contains("== localhost:" + b.port() + " ==");
      String log = java.nio.file.Files.readString(sarif);
      assertThat(log).contains("\"version\" : \"2.1.0\"").contains("\"ruleId\" : \"no-tls\"")
          .contains("\"level\" : \"error\"").contains("\"fullyQualifiedName\" : \"localhost:" + a.port() + "\"");
    }
  }

  @Test
  void emptyTargetListIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path list = dir.resolve("none.txt");
    java.nio.file.Files.writeString(list, "# nothing\n");
    Run r = run("--targets", list.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give at least one HOST[:PORT]");
  }

  @Test
  void jsonIsOneDocumentWithTheSameVerdict() throws Exception {
    try (TdsServer s = start(ServerEncryption.AVAILABLE, StrictPolicy.DISABLED)) {
      Run r = run("--json", "--ca-file", caFile.toString(), "localhost:" + s.port());

      String json = r.out().trim();
      assertThat(r.exit()).isEqualTo(3);
      assertThat(json).startsWith("{\"exitCode\":3,\"worst\":\"high\",\"targets\":[{").endsWith("}]}")
          .doesNotContain("\n")
          .contains("\"posture\":\"login_only_offered\"")
          .contains("\"cleartextLoginAccepted\":true")
          .contains("\"id\":\"cleartext-login\",\"severity\":\"high\"")
          .contains("\"strict\":{\"support\":\"not_supported\"");
      assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }
  }

  @Test
  void unreachableTargetIsALowFinding() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = run("--timeout", "1", "127.0.0.1:" + port);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("[LOW] cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void badTargetIsAUsageError() {
    Run r = run("db:notaport");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad port in db:notaport");
  }

  @Test
  void missingCaFileIsAUsageError() {
    Run r = run("--ca-file", dir.resolve("missing.pem").toString(), "localhost:1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing.pem");
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    Run r = run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: probe").contains("HOST[:PORT]").contains("Examples:")
        .contains("tds-tls probe db1:1433 db2:14330 [::1]:1433").contains("3 worst finding high or critical");
  }
}
