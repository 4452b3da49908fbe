package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest {

  private static final TlsConfig STRICT = TlsConfig.builder().mode(EncryptMode.STRICT).build();

  @Test
  void defaultsAreSecureAndDocumented() {
    ConnectionConfig c = ConnectionConfig.builder().host("db").build();

    assertThat(c.host()).isEqualTo("db");
    assertThat(c.port()).isEqualTo(1433);
    assertThat(c.instanceName()).isEmpty();
    assertThat(c.resolvesPortThroughBrowser()).isFalse();
    assertThat(c.database()).isEmpty();
    assertThat(c.user()).isEmpty();
    assertThat(c.password()).isEmpty();
    assertThat(c.applicationName()).isEqualTo("tds-tls");
    assertThat(c.workstationName()).isNotBlank().hasSizeLessThanOrEqualTo(128);
    assertThat(c.tdsVersion()).isEqualTo(TdsVersion.V7_4);
    assertThat(c.packetSize()).isEqualTo(8000);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.loginTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.readTimeout()).isEqualTo(Duration.ZERO);
    assertThat(c.followRoutingRedirects()).isTrue();
    assertThat(c.tls()).isEqualTo(TlsConfig.defaults());
    assertThat(c.tls().mode()).isEqualTo(EncryptMode.MANDATORY);
  }

  @Test
  void hostIsRequired() {
    assertThatThrownBy(() -> ConnectionConfig.builder().build())
        .isInstanceOf(TdsConfigException.class)
        .hasMessageStartingWith("no host: set the server's host name");
  }

  @Test
  void ipv6HostLosesItsBrackets() {
    assertThat(ConnectionConfig.builder().host("[::1]").build().host()).isEqualTo("::1");
    assertThat(ConnectionConfig.builder().host("::1").build().toString()).contains("server=[::1]");
  }

  @Test
  void strictAlwaysLogsInWithTds80() {
    ConnectionConfig c = ConnectionConfig.builder().host("db").tdsVersion(TdsVersion.V7_2).tls(STRICT).build();

    assertThat(c.tdsVersion()).isEqualTo(TdsVersion.V8_0);
    assertThat(ConnectionConfig.builder().host("db").tdsVersion(TdsVersion.V8_0).tls(STRICT).build())
        .isEqualTo(ConnectionConfig.builder().host("db").tls(STRICT).build());
  }

  @Test
  void tds80WithoutStrictIsRejected() {
    assertThatThrownBy(() -> ConnectionConfig.builder().host("db").tdsVersion(TdsVersion.V8_0).build())
        .isInstanceOf(TdsConfigException.class)
        .hasMessage("TDS version 8.0 is only spoken in strict mode: set the encryption mode to strict"
            + " (Encrypt=strict; FreeTDS encryption = strict), or choose a TDS version from 7.1 to 7.4"
            + " (older FreeTDS releases used 8.0 as a name for 7.1)");
  }

  @Test
  void tls13MinimumNeedsStrict() {
    TlsConfig tls13 = TlsConfig.builder().minProtocolVersion(TlsVersion.TLS_1_3).build();

    assertThatThrownBy(() -> ConnectionConfig.builder().host("db").tls(tls13).build())
        .isInstanceOf(TdsConfigException.class)
        .hasMessageContaining("TLS 1.3 is only used in strict mode");
    assertThat(ConnectionConfig.builder().host("db")
        .tls(tls13.toBuilder().mode(EncryptMode.STRICT).build()).build().tls().minProtocolVersion())
        .isEqualTo(TlsVersion.TLS_1_3);
  }

  @Test
  void valuesOutOfRangeAreRejectedWithTheRange() {
    ConnectionConfig.Builder b = ConnectionConfig.builder();

    assertThatThrownBy(() -> b.port(0)).hasMessage("invalid port '0': valid values are 1..65535");
    assertThatThrownBy(() -> b.port(65536)).isInstanceOf(TdsConfigException.class);
    assertThatThrownBy(() -> b.packetSize(511)).hasMessage("invalid packet size '511': valid values are 512..32767");
    assertThatThrownBy(() -> b.packetSize(32768)).isInstanceOf(TdsConfigException.class);
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
        .hasMessage("the connect timeout is negative (PT-1S): give a positive duration, or zero for no limit");
    assertThatThrownBy(() -> b.host(" ")).isInstanceOf(TdsConfigException.class);
    assertThatThrownBy(() -> b.user("u".repeat(129))).hasMessageContaining("LOGIN7 carries at most 128");
    assertThatThrownBy(() -> b.password(new char[129])).isInstanceOf(TdsConfigException.class);
    assertThat(b.port(1).packetSize(512).packetSize(32767).host("h").build().packetSize()).isEqualTo(32767);
  }

  @Test
  void explicitPortWinsOverBrowserLookup() {
    ConnectionConfig named = ConnectionConfig.builder().host("db").instanceName("SQLEXPRESS").build();
    ConnectionConfig pinned = named.toBuilder().port(1500).build();

    assertThat(named.resolvesPortThroughBrowser()).isTrue();
    assertThat(pinned.resolvesPortThroughBrowser()).isFalse();
    assertThat(pinned.port()).isEqualTo(1500);
    assertThat(named).isNotEqualTo(pinned);
  }

  @Test
  void toStringNeverShowsThePassword() {
    ConnectionConfig c = ConnectionConfig.builder().host("db").user("sa").password("Sup3r-Secret".toCharArray()).build();

    assertThat(c.toString()).contains("user=sa", "password=***").doesNotContain("Sup3r-Secret");
  }

  @Test
  void passwordIsCopiedInAndOut() {
    char[] pw = "secret".toCharArray();
    ConnectionConfig c = ConnectionConfig.builder().host("db").password(pw).build();
    pw[0] = 'X';
    c.password().orElseThrow()[1] = 'Y';

    assertThat(c.password()).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("secret"));
  }

  @Test
  void equalsAndHashCodeFollowEveryField() {
    ConnectionConfig a = full().build();
    ConnectionConfig b = full().build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(full().password("other".toCharArray()).build()).isNotEqualTo(a);
    assertThat(full().readTimeout(Duration.ofSeconds(31)).build()).isNotEqualTo(a);
    assertThat(full().followRoutingRedirects(true).build()).isNotEqualTo(a);
    assertThat(full().workstationName("elsewhere").build()).isNotEqualTo(a);
    assertThat(full().tls(TlsConfig.defaults()).build()).isNotEqualTo(a);
  }

  @Test
  void blankOptionalStringsMeanUnset() {
    ConnectionConfig c = ConnectionConfig.builder().host("db").database(" ").user("").applicationName(" ")
        .workstationName(null).build();

    assertThat(c.database()).isEmpty();
    assertThat(c.user()).isEmpty();
    assertThat(c.applicationName()).isEqualTo(ConnectionConfig.DEFAULT_APPLICATION_NAME);
    assertThat(c).isEqualTo(ConnectionConfig.builder().host("db").build());
  }

  private static ConnectionConfig.Builder full() {
    return ConnectionConfig.builder().host("db.example.com").port(1500).instanceName("SALES").database("sales")
        .user("app").password("pw".toCharArray()).applicationName("billing").workstationName("ws1")
        .tdsVersion(TdsVersion.V7_3A).packetSize(8192).connectTimeout(Duration.ofSeconds(5))
        .loginTimeout(Duration.ofSeconds(20)).readTimeout(Duration.ofSeconds(30)).followRoutingRedirects(false)
        .tls(TlsConfig.builder().mode(EncryptMode.OPTIONAL).hostNameInCertificate("*.example.com").build());
  }
}
