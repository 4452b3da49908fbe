package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.Secret;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoginTest {

  static final HeldCertificate CERT = HeldCertificate.builder().commonName("localhost").serverAuth().build();
  static final Map<String, Credentials> HELD = Map.of("ro", new Credentials("reader", Secret.parse("env:X_UNSET_42")));
  static final RouteLogin BY_CERT = new RouteLogin(RouteLogin.Mode.CERTIFICATE, null,
      List.of(new CertificateLogin(CertificateLogin.Field.DNS, "app.example.com", "ro")));

  static GatewayConfig.Builder base() {
    return GatewayConfig.builder().backend("127.0.0.1", 1433);
  }

  @Test
  void passthroughIsTheDefault() {
    GatewayConfig c = base().frontTls(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey()).build(), TlsProvider.JDK)
        .build();
    assertThat(c.login().mode()).isEqualTo(RouteLogin.Mode.PASSTHROUGH);
    assertThat(c.loginMapping(c.routes().routes().get(0)).mode()).isEqualTo(RouteLogin.Mode.PASSTHROUGH);
  }

  @Test
  void certificateLoginsNeedAFrontThatVerifiesClientCertificates(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> base().frontTls(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey()).build(),
        TlsProvider.JDK).login(BY_CERT).credentials(HELD).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("--client-ca");
    Path ca = Files.writeString(dir.resolve("ca.pem"), CERT.certificatePem());
    GatewayConfig ok = base().frontTls(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(ca).build(), TlsProvider.JDK)
        .login(BY_CERT).credentials(HELD).build();
    assertThat(ok.loginMapping(ok.routes().routes().get(0)).mode()).isEqualTo(RouteLogin.Mode.CERTIFICATE);
    assertThatThrownBy(() -> base().frontTls(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(ca).build(), TlsProvider.JDK)
        .login(BY_CERT).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'ro'");
  }

  @Test
  void gatewayUsersNeedUsers() {
    assertThatThrownBy(() -> base().frontTls(ServerTlsConfig.builder().certifiedKey(CERT.certifiedKey()).build(),
        TlsProvider.JDK).login(new RouteLogin(RouteLogin.Mode.GATEWAY_USERS, "ro", List.of())).credentials(HELD).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("hash-password");
  }

  @Test
  void credentialsNeverShowTheirPassword() {
    Credentials inline = new Credentials("u", Secret.parse("inline:Top-Secret-1"));
    assertThat(inline.toString()).doesNotContain("Top-Secret-1");
  }
}
