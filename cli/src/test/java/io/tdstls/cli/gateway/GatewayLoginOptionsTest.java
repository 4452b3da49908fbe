package io.tdstls.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.RouteLogin;
import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.server.PasswordHash;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayLoginOptionsTest {

  static final HeldCertificate CERT = HeldCertificate.builder().commonName("localhost").serverAuth().build();

  static GatewayConfig.Builder builder(Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), CERT.certificatePem());
    return GatewayConfig.builder().backend("127.0.0.1", 1433).frontTls(ServerTlsConfig.builder()
        .certifiedKey(CERT.certifiedKey()).clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(ca)
        .build(), TlsProvider.JDK);
  }

  static GatewayLoginOptions parse(String... args) {
    return CommandLine.populateCommand(new GatewayLoginOptions(), args);
  }

  @Test
  void certificateLoginsAndHeldCredentialsReachTheGatewayConfig(@TempDir Path dir) throws Exception {
    GatewayConfig.Builder b = builder(dir);
    parse("--login", "certificate", "--login-certificate", "reporting=subject:CN=reporting,O=Example",
        "--login-certificate", "etl=dns:etl.example.com", "--credentials", "reporting=report_reader:env:REPORT_PW",
        "--credentials", "etl=etl_writer:file:/run/secrets/etl").applyTo(b);
    GatewayConfig c = b.build();
    assertThat(c.login().mode()).isEqualTo(RouteLogin.Mode.CERTIFICATE);
    assertThat(c.login().certificates()).containsExactly(
        new CertificateLogin(CertificateLogin.Field.SUBJECT, "CN=reporting,O=Example", "reporting"),
        new CertificateLogin(CertificateLogin.Field.DNS, "etl.example.com", "etl"));
    assertThat(c.credentials().get("reporting").user()).isEqualTo("report_reader");
    assertThat(c.credentials().get("etl").password().toString()).isEqualTo("file:/run/secrets/etl");
  }

  @Test
  void gatewayUsersReadTheUsersFile(@TempDir Path dir) throws Exception {
    Path users = Files.writeString(dir.resolve("users"),
        "alice:" + PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n");
    GatewayConfig.Builder b = builder(dir);
    parse("--login", "gateway-users", "--login-as", "etl", "--users-file", users.toString(),
        "--credentials", "etl=etl_writer:env:ETL_PW").applyTo(b);
    GatewayConfig c = b.build();
    assertThat(c.users()).isPresent();
    assertThat(c.users().get().authenticate("alice", "pw")).isTrue();
  }

  @Test
  void aPasswordOnTheCommandLineAndMalformedValuesAreRefused(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> parse("--credentials", "etl=etl_writer:Secret-1").applyTo(builder(dir)))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("env:NAME or file:PATH")
        .hasMessageNotContaining("Secret-1");
    assertThatThrownBy(() -> parse("--login", "kerberos").applyTo(builder(dir)))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("gateway-users");
    assertThatThrownBy(() -> parse("--login", "certificate", "--login-certificate", "reporting").applyTo(builder(dir)))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("KEY=FIELD:VALUE");
    assertThatThrownBy(() -> parse("--login-certificate", "r=dns:x").applyTo(builder(dir)))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--login certificate");
  }
}
