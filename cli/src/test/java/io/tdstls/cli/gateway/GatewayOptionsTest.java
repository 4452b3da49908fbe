package io.tdstls.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GatewayOptionsTest {

  static TlsConfig back(String... args) {
    return CommandLine.populateCommand(new BackendOptions(), args).tlsConfig();
  }

  static GatewayConfig config(TlsConfig back) {
    return GatewayConfig.builder()
        .frontPolicy(new ServerPolicy(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .backend("127.0.0.1", 1433).backendTls(back).build();
  }

  @Test
  void theBackSideDefaultsToMandatoryWithFullValidation() {
    TlsConfig t = back();
    assertThat(t.mode()).isEqualTo(EncryptMode.MANDATORY);
    assertThat(t.hostnameVerification()).isTrue();
    assertThat(t.trustServerCertificate()).isFalse();
    assertThat(GatewayCommand.warnings(config(t))).isEmpty();
    assertThat(config(t).backendInsecure()).isFalse();
  }

  @Test
  void backendOptionsReachTheBackTlsSettings() {
    TlsConfig t = back("--backend-encrypt", "strict", "--backend-tls-max", "1.3", "--backend-host-name-in-certificate", "db");
    assertThat(t.mode()).isEqualTo(EncryptMode.STRICT);
    assertThat(t.maxProtocolVersion()).isEqualTo(TlsVersion.TLS_1_3);
    assertThat(t.hostNameInCertificate()).contains("db");
  }

  @Test
  void backendTlsProviderFlag() {
    assertThat(CommandLine.populateCommand(new BackendOptions()).provider())
        .isEqualTo(io.tdstls.client.ClientTlsProvider.JDK);
    BackendOptions o = CommandLine.populateCommand(new BackendOptions(), "--backend-tls-provider", "openssl");
    assertThat(o.provider()).isEqualTo(io.tdstls.client.ClientTlsProvider.OPENSSL);
    GatewayConfig c = GatewayConfig.builder()
        .frontPolicy(new ServerPolicy(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .backend("127.0.0.1", 1433).backendTls(o.tlsConfig(), o.provider()).build();
    assertThat(c.backendProvider()).isEqualTo(io.tdstls.client.ClientTlsProvider.OPENSSL);
    assertThatThrownBy(() -> CommandLine.populateCommand(new BackendOptions(), "--backend-tls-provider", "x").provider())
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--backend-tls-provider");
  }

  @Test
  void aBackSideWithoutEncryptionOrValidationWarns() {
    assertThat(GatewayCommand.warnings(config(back("--backend-encrypt", "off"))))
        .singleElement().asString().contains("in clear");
    assertThat(GatewayCommand.warnings(config(back("--backend-trust-server-certificate"))))
        .singleElement().asString().contains("not validated");
    assertThat(config(back("--backend-encrypt", "off")).backendInsecure()).isTrue();
  }

  @Test
  void hostPortValuesAreCheckedWithTheValidForms() {
    assertThat(HostPort.parse("--listen", "[::1]:1433", 0)).isEqualTo(new HostPort("::1", 1433));
    assertThat(HostPort.parse("--backend", "db.example.com:14330", 1)).isEqualTo(new HostPort("db.example.com", 14330));
    assertThatThrownBy(() -> HostPort.parse("--backend", "db.example.com", 1)).isInstanceOf(TdsConfigException.class)
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> HostPort.parse("--backend", "db:0", 1)).isInstanceOf(TdsConfigException.class);
  }
}
