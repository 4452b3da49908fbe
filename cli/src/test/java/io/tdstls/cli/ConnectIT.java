package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect --json}, a failing login, and {@code serve} stopping on SIGTERM, from the real jar. */
class ConnectIT {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Duration START = Duration.ofSeconds(30);

  @TempDir Path dir;

  Tool.Background serve() throws Exception {
    return Tool.start("serve", "--port", "0", "--json", "--user", "app:Pw-12345", "--cert-dir", dir.toString());
  }

  @Test
  void optionalModeWithoutTrustLogsInLoginOnlyAndSaysTheCertificateWasNotValidated() throws Exception {
    try (Tool.Background server = serve()) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      Tool.Result r = Tool.run(Map.of("TDS_PASSWORD", "Pw-12345"), "connect", "-H", "127.0.0.1",
          "-p", facts.get("port").asText(), "-U", "app", "--encrypt", "optional", "--json", "-Q", "SELECT 1");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode session = MAPPER.readTree(r.out()).get("session");
      assertThat(session.get("encryption").asText()).isEqualTo("login-only");
      assertThat(session.get("tls").get("certificate_validated").asBoolean()).isFalse();
      assertThat(r.err()).contains("certificate not validated (optional mode)");
    }
  }

  @Test
  void jsonReportsTheSessionAndTheResults() throws Exception {
    try (Tool.Background server = serve()) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      String sha = facts.get("certificate").get("sha256").asText();
      assertThat(facts.get("encryption").asText()).isEqualTo("available");
      assertThat(facts.get("users").get(0).asText()).isEqualTo("app");
      Tool.Result r = Tool.run(Map.of("TDS_PASSWORD", "Pw-12345"), "connect", "-H", "127.0.0.1",
          "-p", facts.get("port").asText(), "-U", "app", "--server-certificate-sha256", sha, "--json",
          "-Q", ServeConnectIT.VERIFY, "-Q", "SELECT 1 AS one, 'x' AS letter");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode doc = MAPPER.readTree(r.out());
      JsonNode session = doc.get("session");
      assertThat(session.get("mode").asText()).isEqualTo("mandatory");
      assertThat(session.get("encryption").asText()).isEqualTo("full");
      assertThat(session.get("tls").get("protocol").asText()).isEqualTo("TLSv1.2");
      assertThat(session.get("tls").get("certificate_sha256").asText()).isEqualTo(sha);
      assertThat(session.get("tls").get("certificate_validated").asBoolean()).isTrue();
      assertThat(doc.get("results").get(0).get("tables").get(0).get("rows").get(0).get(0).asText()).isEqualTo("TRUE");
      JsonNode second = doc.get("results").get(1).get("tables").get(0);
      assertThat(second.get("columns").toString()).isEqualTo("[\"one\",\"letter\"]");
      assertThat(second.get("rows").get(0).get(0).asInt()).isEqualTo(1);
      assertThat(doc.get("error").isNull()).isTrue();
      assertThat(r.out()).doesNotContain("Pw-12345");
    }
  }

  @Test
  void wrongPasswordExitsWithTheLoginCodeAndAHint() throws Exception {
    try (Tool.Background server = serve()) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      String port = facts.get("port").asText();
      String sha = facts.get("certificate").get("sha256").asText();
      Tool.Result r = Tool.run("connect", "-H", "127.0.0.1", "-p", port, "-U", "app", "-P", "not-the-password",
          "--server-certificate-sha256", sha);
      assertThat(r.exit()).isEqualTo(ExitCode.LOGIN_FAILED.code());
      assertThat(r.err()).contains("18456").contains("Login failed for user 'app'").contains("hint: ");
      assertThat(r.out() + r.err()).doesNotContain("not-the-password");
      Tool.Result json = Tool.run("connect", "-H", "127.0.0.1", "-p", port, "-U", "app", "-P", "nope",
          "--server-certificate-sha256", sha, "--json");
      assertThat(json.exit()).isEqualTo(ExitCode.LOGIN_FAILED.code());
      JsonNode error = MAPPER.readTree(json.out()).get("error");
      assertThat(error.get("kind").asText()).isEqualTo("LOGIN_FAILED");
      assertThat(error.get("advice").asText()).isNotBlank();
      assertThat(server.awaitError("login refused for user 'app'", START)).contains("login refused for user 'app'");
    }
  }

  @Test
  void mutualTlsOnTheStrictPathWithAConnectionString() throws Exception {
    HeldCertificate ca = HeldCertificate.builder().commonName("clients CA").certificateAuthority(0).build();
    HeldCertificate client = HeldCertificate.builder().commonName("app-client").clientAuth().signedBy(ca).build();
    Path caFile = Files.writeString(dir.resolve("clients-ca.pem"), ca.certificatePem());
    Path cert = Files.writeString(dir.resolve("client.pem"), client.chainPem());
    Path key = Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs8Pem());
    try (Tool.Background server = Tool.start("serve", "--port", "0", "--json", "--user", "app:Pw-12345",
        "--cert-dir", dir.toString(), "--client-ca", caFile.toString())) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      String pem = facts.get("certificate").get("pem_file").asText();
      String connection = "Server=tcp:127.0.0.1," + facts.get("port").asText() + ";User Id=app;Password=Pw-12345;"
          + "Encrypt=strict;Server Certificate=" + pem;
      Tool.Result ok = Tool.run("connect", "--connection-string", connection, "--client-cert", cert.toString(),
          "--client-key", key.toString(), "-Q", "SELECT * FROM tdstls.negotiation");
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).containsPattern("(?m)^encryption +strict$").containsPattern("client_certificate +CN=app-client");
      Tool.Result refused = Tool.run("connect", "--connection-string", connection);
      assertThat(refused.exit()).as(refused.out() + refused.err()).isNotZero().isNotEqualTo(ExitCode.FAILURE.code());
      assertThat(refused.err()).startsWith("tds-tls connect: ");
    }
  }

  @Test
  void sqlErrorExitsWithElevenAndWarningsAreOneLine() throws Exception {
    try (Tool.Background server = serve()) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      Tool.Result r = Tool.run("connect", "-H", "127.0.0.1", "-p", facts.get("port").asText(), "-U", "app",
          "-P", "Pw-12345", "--trust-server-certificate", "-Q", "SELECT * FROM nowhere");
      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.SERVER_ERROR.code());
      assertThat(r.out()).containsPattern("(?m)^encryption +full$");
      assertThat(r.err()).contains("Invalid object name 'nowhere'");
      assertThat(r.err().lines().filter(l -> l.contains("accepted without validation")))
          .singleElement().asString().matches("^\\S+ WARNING \\S+: the certificate of 127\\.0\\.0\\.1 .*");
    }
  }

  @Test
  void serveStopsCleanlyOnSigterm() throws Exception {
    try (Tool.Background server = serve()) {
      JsonNode facts = MAPPER.readTree(server.awaitOutput("\n}", START));
      String port = facts.get("port").asText();
      server.process.destroy();
      assertThat(server.process.waitFor(20, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
      assertThat(server.err()).contains("tds-tls serve: stopped");
      Tool.Result r = Tool.run("connect", "-H", "127.0.0.1", "-p", port, "-U", "app", "-P", "x", "--timeout", "5");
      assertThat(r.exit()).isEqualTo(ExitCode.CONNECTION.code());
    }
  }
}
