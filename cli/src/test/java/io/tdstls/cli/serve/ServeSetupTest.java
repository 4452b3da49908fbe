package io.tdstls.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.pki.CertificateFiles;
import io.tdstls.tls.pki.CertificateFingerprint;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}'s flags turned into a server configuration. */
class ServeSetupTest {

  @TempDir Path dir;

  ServeSetup setup(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return ServeSetup.of(command.options);
  }

  @Test
  void defaultsAreSqlServersAndAGeneratedCertificateWrittenForPinning() throws Exception {
    ServeSetup s = setup("--cert-dir", dir.toString());
    assertThat(s.config().host()).isEqualTo("127.0.0.1");
    assertThat(s.config().port()).isEqualTo(1433);
    assertThat(s.config().policy()).isEqualTo(ServerPolicy.sqlServerDefault());
    Path pem = s.certificate().pemFile();
    assertThat(pem.getParent()).isEqualTo(dir);
    assertThat(CertificateFingerprint.sha256(CertificateFiles.readCertificate(pem))).isEqualTo(s.certificate().sha256());
    assertThat(s.certificate().key().leaf().getNotAfter().toInstant())
        .isAfter(java.time.Instant.now().plus(Duration.ofDays(300)));
    assertThat(s.generatedUser()).isTrue();
    assertThat(s.users()).containsOnlyKeys(ServeSetup.DEFAULT_USER);
    assertThat(s.users().get(ServeSetup.DEFAULT_USER)).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void policiesUsersAndLimits() {
    ServeSetup s = setup("--cert-dir", dir.toString(), "--port", "0", "--encryption", "forced", "--strict", "required",
        "--client-cert-policy", "babelfish", "--user", "app:pw:with:colons", "--user", "ro:x",
        "--login-timeout", "5", "--max-connections", "3", "--pre-login-limit", "128", "--pre-login-budget", "8");
    assertThat(s.config().policy())
        .isEqualTo(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.BABELFISH, StrictPolicy.REQUIRED));
    assertThat(s.users()).containsEntry("app", "pw:with:colons").containsEntry("ro", "x");
    assertThat(s.generatedUser()).isFalse();
    assertThat(s.config().loginTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.config().maxConnections()).isEqualTo(3);
    assertThat(s.config().preLoginBufferLimit()).isEqualTo(128 << 10);
    assertThat(s.config().preLoginBudget()).isEqualTo(8L << 20);
    assertThatThrownBy(() -> setup("--pre-login-limit", "2"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--pre-login-limit");
  }

  @Test
  void alpnRule() {
    assertThat(setup("--cert-dir", dir.toString()).config().policy().alpn()).isEqualTo(AlpnPolicy.OPTIONAL);
    assertThat(setup("--cert-dir", dir.toString(), "--alpn", "required").config().policy().alpn())
        .isEqualTo(AlpnPolicy.REQUIRED);
    assertThatThrownBy(() -> setup("--alpn", "maybe", "--cert-dir", dir.toString()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("optional, required");
  }

  @Test
  void notSupportedHasNoCertificateAndNoStrict() {
    ServeSetup s = setup("--encryption", "not-supported");
    assertThat(s.certificate()).isNull();
    assertThat(s.config().policy().strict()).isEqualTo(StrictPolicy.DISABLED);
    assertThatThrownBy(() -> setup("--encryption", "not-supported", "--strict", "allowed"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--strict");
  }

  @Test
  void certificateFromPemFilesOrPkcs12() throws Exception {
    HeldCertificate held = HeldCertificate.builder().commonName("db.example.com").addDnsName("db.example.com")
        .serverAuth().build();
    Path cert = Files.writeString(dir.resolve("server.pem"), held.chainPem());
    Path key = Files.writeString(dir.resolve("server.key"), held.privateKeyPkcs8Pem());
    ServeSetup pem = setup("--cert", cert.toString(), "--key", key.toString());
    assertThat(pem.certificate().sha256()).isEqualTo(held.sha256Fingerprint());
    assertThat(pem.certificate().pemFile()).isNull();
    Path p12 = dir.resolve("server.p12");
    held.writePkcs12(p12, "pw".toCharArray());
    ServeSetup fromP12 = setup("--pkcs12", p12.toString(), "--key-password", "pw");
    assertThat(fromP12.certificate().sha256()).isEqualTo(held.sha256Fingerprint());
    assertThatThrownBy(() -> setup("--cert", cert.toString()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--key");
  }

  @Test
  void badValuesListTheValidOnes() {
    assertThatThrownBy(() -> setup("--encryption", "sometimes"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("available, forced, not-supported");
    assertThatThrownBy(() -> setup("--strict", "maybe", "--cert-dir", dir.toString()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("disabled, allowed, required");
    assertThatThrownBy(() -> setup("--user", "nopassword"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("NAME:PASSWORD");
    assertThatThrownBy(() -> setup("--client-ca", "/ca.pem", "--encryption", "not-supported"))
        .isInstanceOf(TdsConfigException.class);
  }

  @Test
  void tlsProviderAndCertificateFilesAreWatchedForReload() throws Exception {
    io.tdstls.tls.pki.HeldCertificate cert = io.tdstls.tls.pki.HeldCertificate.builder().commonName("files")
        .addDnsName("localhost").serverAuth().build();
    Path chain = java.nio.file.Files.writeString(dir.resolve("c.pem"), cert.certificatePem());
    Path key = java.nio.file.Files.writeString(dir.resolve("c.key"), cert.privateKeyPkcs8Pem());
    ServeSetup files = setup("--cert", chain.toString(), "--key", key.toString(), "--tls-provider", "openssl");
    assertThat(files.config().certificateReloader()).as("certificate files are watched").isPresent();
    assertThat(files.config().engines().newEngine(io.tdstls.negotiation.TlsNegotiationMode.STRICT).getClass().getName())
        .contains("OpenSsl");
    ServeSetup jdk = setup("--cert", chain.toString(), "--key", key.toString());
    assertThat(jdk.config().engines().newEngine(io.tdstls.negotiation.TlsNegotiationMode.STRICT).getClass().getName())
        .doesNotContain("OpenSsl");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> setup("--tls-provider", "boring", "--cert-dir", dir.toString()))
        .hasMessageContaining("valid values are jdk, openssl");
  }

  @Test
  void flagsOverrideTheConfigFileAndTheFileOverridesTheDefaults() throws Exception {
    Path file = Files.writeString(dir.resolve("tds-tls.yaml"), String.join("\n",
        "listener:",
        "  port: 0",
        "  encryption: forced",
        "  max-connections: 7",
        "  login-timeout: 9",
        "  alpn: required",
        "  pre-login-limit: 16",
        "  pre-login-budget: 2",
        "  cert-dir: " + dir,
        "users:",
        "  accounts:",
        "    fromfile: inline:pw1",
        ""));
    io.tdstls.config.TdsTlsConfig config = io.tdstls.config.TdsTlsConfig.load(file);
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--max-connections", "3");
    ServeSetup s = ServeSetup.of(command.options, config, null, io.tdstls.server.ServerEvents.NONE);
    assertThat(s.config().policy().encryption()).isEqualTo(ServerEncryption.FORCED);
    assertThat(s.config().maxConnections()).as("the flag wins").isEqualTo(3);
    assertThat(s.config().loginTimeout()).isEqualTo(java.time.Duration.ofSeconds(9));
    assertThat(s.config().policy().alpn()).isEqualTo(AlpnPolicy.REQUIRED);
    assertThat(s.config().preLoginBufferLimit()).isEqualTo(16 << 10);
    assertThat(s.config().preLoginBudget()).isEqualTo(2L << 20);
    assertThat(s.users()).containsEntry("fromfile", "pw1");
    assertThat(s.generatedUser()).isFalse();

    ServeCommand withUser = new ServeCommand();
    new CommandLine(withUser).parseArgs("--user", "cli:pw2");
    ServeSetup u = ServeSetup.of(withUser.options, config, s, io.tdstls.server.ServerEvents.NONE);
    assertThat(u.users()).containsOnlyKeys("cli");
    assertThat(u.certificate()).as("a reload keeps the generated certificate clients pinned").isSameAs(s.certificate());
  }

  @Test
  void aUsersFileAuthenticatesWithItsHashes() throws Exception {
    Path users = Files.writeString(dir.resolve("users.txt"),
        "alice:" + io.tdstls.server.PasswordHash.create("a-pw".toCharArray(), 1000) + "\n");
    ServeSetup s = setup("--cert-dir", dir.toString(), "--users-file", users.toString());
    assertThat(s.generatedUser()).isFalse();
    assertThat(s.userNames()).containsExactly("alice");
    assertThat(s.passwordFile().authenticate("alice", "a-pw")).isTrue();
  }
}
