package io.tdstls.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code connect}'s flags, connection strings and freetds.conf turned into a ConnectionConfig. */
class ConnectOptionsTest {

  static final String PIN = "AB".repeat(32);

  @TempDir Path dir;

  static ConnectionConfig parse(Map<String, String> env, String... args) {
    ConnectCommand command = new ConnectCommand();
    new CommandLine(command).parseArgs(args);
    return command.config(env);
  }

  static ConnectionConfig parse(String... args) {
    return parse(Map.of(), args);
  }

  @Test
  void tlsProviderAndSessionResumptionFlags() {
    assertThat(parse("-H", "db").tlsProvider()).isEqualTo(io.tdstls.client.ClientTlsProvider.JDK);
    assertThat(parse("-H", "db").tls().sessionResumption()).isTrue();
    ConnectionConfig c = parse("-H", "db", "--tls-provider", "openssl", "--no-session-resumption");
    assertThat(c.tlsProvider()).isEqualTo(io.tdstls.client.ClientTlsProvider.OPENSSL);
    assertThat(c.tls().sessionResumption()).isFalse();
    assertThat(parse("--connection-string", "Server=db;TLS Provider=openssl").tlsProvider())
        .isEqualTo(io.tdstls.client.ClientTlsProvider.OPENSSL);
    assertThat(parse("--connection-string", "Server=db;TLS Provider=openssl", "--tls-provider", "jdk").tlsProvider())
        .as("the flag wins over the connection string").isEqualTo(io.tdstls.client.ClientTlsProvider.JDK);
    assertThatThrownBy(() -> parse("-H", "db", "--tls-provider", "schannel"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--tls-provider").hasMessageContaining("jdk, openssl");
  }

  @Test
  void queryTimeoutFlag() {
    assertThat(parse("-H", "db", "--query-timeout", "9").queryTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(parse("-H", "db").queryTimeout()).isEqualTo(Duration.ZERO);
    assertThat(parse("--connection-string", "jdbc:sqlserver://db;queryTimeout=4").queryTimeout())
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void flagsMirrorTheConfig() {
    ConnectionConfig c = parse("-H", "db.example.com", "-p", "14330", "-U", "app", "-P", "s3cret", "-d", "sales",
        "--encrypt", "strict", "--server-certificate-sha256", PIN, "--host-name-in-certificate", "db",
        "--packet-size", "8192", "--timeout", "7", "--tls-min", "1.3");
    assertThat(c.host()).isEqualTo("db.example.com");
    assertThat(c.port()).isEqualTo(14330);
    assertThat(c.user()).contains("app");
    assertThat(new String(c.password().orElseThrow())).isEqualTo("s3cret");
    assertThat(c.database()).contains("sales");
    assertThat(c.tls().mode()).isEqualTo(EncryptMode.STRICT);
    assertThat(c.tls().serverCertificateSha256().orElseThrow()).isEqualTo(HexFormat.of().parseHex(PIN));
    assertThat(c.tls().hostNameInCertificate()).contains("db");
    assertThat(c.tls().minProtocolVersion()).isEqualTo(TlsVersion.TLS_1_3);
    assertThat(c.packetSize()).isEqualTo(8192);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.loginTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.tdsVersion()).isEqualTo(TdsVersion.V8_0);
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "--encrypt {0} is {1}")
  @CsvSource({"off, OFF", "disable, OFF", "optional, OPTIONAL", "false, OPTIONAL", "request, OPTIONAL",
      "mandatory, MANDATORY", "true, MANDATORY", "require, MANDATORY", "strict, STRICT", "STRICT, STRICT"})
  void encryptAcceptsMicrosoftAndFreeTdsNames(String name, EncryptMode mode) {
    assertThat(parse("-H", "db", "--encrypt", name).tls().mode()).isEqualTo(mode);
  }

  @Test
  void unknownEncryptNameListsTheValidOnes() {
    assertThatThrownBy(() -> parse("-H", "db", "--encrypt", "maybe"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("maybe").hasMessageContaining("strict");
  }

  @Test
  void passwordComesFromTheEnvironmentUnlessGiven() {
    Map<String, String> env = Map.of(TargetOptions.PASSWORD_ENV, "from-env");
    assertThat(new String(parse(env, "-H", "db", "-U", "app").password().orElseThrow())).isEqualTo("from-env");
    assertThat(new String(parse(env, "-H", "db", "-U", "app", "-P", "flag").password().orElseThrow())).isEqualTo("flag");
    assertThat(parse("-H", "db", "-U", "app").password()).isEmpty();
  }

  @Test
  void connectionStringThenFlagsOverIt() {
    ConnectionConfig c = parse("--connection-string",
        "Server=tcp:db.example.com,1500;Database=sales;User Id=app;Password=pw;Encrypt=optional",
        "--encrypt", "mandatory", "-d", "other");
    assertThat(c.host()).isEqualTo("db.example.com");
    assertThat(c.port()).isEqualTo(1500);
    assertThat(c.database()).contains("other");
    assertThat(c.tls().mode()).isEqualTo(EncryptMode.MANDATORY);
    ConnectionConfig jdbc = parse("--connection-string", "jdbc:sqlserver://db2:1600;encrypt=strict");
    assertThat(jdbc.host()).isEqualTo("db2");
    assertThat(jdbc.port()).isEqualTo(1600);
    assertThat(jdbc.tls().mode()).isEqualTo(EncryptMode.STRICT);
  }

  @Test
  void freeTdsConfSection() throws Exception {
    Path conf = Files.writeString(dir.resolve("freetds.conf"),
        "[global]\n  tds version = 7.4\n[myserver]\n  host = db3.example.com\n  port = 1700\n  encryption = require\n");
    ConnectionConfig c = parse("--freetds-conf", conf.toString(), "--server", "myserver", "-U", "app");
    assertThat(c.host()).isEqualTo("db3.example.com");
    assertThat(c.port()).isEqualTo(1700);
    assertThat(c.tls().mode()).isEqualTo(EncryptMode.MANDATORY);
  }

  @Test
  void caFilesTrustStoreAndCrls() throws Exception {
    ConnectionConfig c = parse("-H", "db", "--ca-file", "system", "--ca-file", "/etc/ca.pem",
        "--crl-file", "/etc/ca.crl", "--trust-store", "/etc/ts.p12", "--trust-store-password", "tsp",
        "--trust-store-type", "jks", "--no-hostname-check");
    assertThat(c.tls().systemTrust()).isTrue();
    assertThat(c.tls().caFiles()).containsExactly(Path.of("/etc/ca.pem"));
    assertThat(c.tls().crlFiles()).containsExactly(Path.of("/etc/ca.crl"));
    assertThat(c.tls().trustStore()).contains(Path.of("/etc/ts.p12"));
    assertThat(c.tls().trustStoreType()).isEqualTo("JKS");
    assertThat(c.tls().hostnameVerification()).isFalse();
  }

  @Test
  void clientCertificatePemOrPkcs12() {
    ConnectionConfig pem = parse("-H", "db", "--encrypt", "strict", "--ca-file", "/ca.pem",
        "--client-cert", "/c.pem", "--client-key", "/c.key", "--client-key-password", "kp");
    assertThat(pem.tls().clientAuth().orElseThrow().format()).isEqualTo(ClientAuth.Format.PEM);
    assertThat(pem.tls().clientAuth().orElseThrow().key()).isEqualTo(Path.of("/c.key"));
    ConnectionConfig p12 = parse("-H", "db", "--encrypt", "strict", "--client-cert", "/c.p12");
    assertThat(p12.tls().clientAuth().orElseThrow().format()).isEqualTo(ClientAuth.Format.PKCS12);
    assertThatThrownBy(() -> parse("-H", "db", "--encrypt", "strict", "--client-key", "/c.key"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--client-cert");
  }

  @Test
  void contradictionsAreConfigErrors() {
    assertThatThrownBy(() -> parse("-H", "db", "--encrypt", "strict", "--trust-server-certificate"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("strict");
    assertThatThrownBy(() -> parse("-H", "db", "--tds-version", "8.0"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("strict");
    assertThatThrownBy(() -> parse("-H", "db", "--tls-min", "1.0"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("enable");
    assertThatThrownBy(() -> parse("-U", "app"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--host");
    assertThatThrownBy(() -> parse("--connection-string", "Server=db", "--server", "x"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("give one");
  }

  @Test
  void legacyTlsAndTrustServerCertificateWhenAskedByName() {
    ConnectionConfig c = parse("-H", "db", "--enable-legacy-tls", "--tls-min", "1.0", "--tls-max", "1.2",
        "--trust-server-certificate", "--tds-version", "7.3");
    assertThat(c.tls().legacyTlsEnabled()).isTrue();
    assertThat(c.tls().minProtocolVersion()).isEqualTo(TlsVersion.TLS_1_0);
    assertThat(c.tls().trustServerCertificate()).isTrue();
    assertThat(c.tdsVersion()).isEqualTo(TdsVersion.V7_3A);
  }
}
