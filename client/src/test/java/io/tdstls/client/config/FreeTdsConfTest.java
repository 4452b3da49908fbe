package io.tdstls.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FreeTdsConfTest {

  /** The example sections of seed 001 (the cTDS encryption guide), in one file. */
  private static final String SEED_001 = String.join("\n",
      "[myserver]",
      "host = db.example.com",
      "port = 1433",
      "tds version = 7.4",
      "encryption = require",
      "",
      "[azure]",
      "host = yourserver.database.windows.net",
      "port = 1433",
      "tds version = 7.4",
      "encryption = require",
      "",
      "[legacy-server]",
      "host = oldbox.example.com",
      "port = 1433",
      "tds version = 7.1",
      "encryption = require",
      "enable tls v1 = yes",
      "",
      "[validated]",
      "host = db.example.com",
      "port = 1433",
      "tds version = 7.4",
      "encryption = require",
      "ca file = /etc/ssl/certs/ca-certificates.crt",
      "check certificate hostname = yes");

  private static final FreeTdsConf SEED = FreeTdsConf.parse(SEED_001);

  private static ConnectionConfig.Builder server(String host, TlsConfig tls) {
    return ConnectionConfig.builder().host(host).port(1433).tdsVersion(TdsVersion.V7_4).tls(tls);
  }

  private static TlsConfig.Builder requireWithoutValidation() {
    return TlsConfig.builder().mode(EncryptMode.MANDATORY).dangerous().trustServerCertificate(true);
  }

  @Test
  void seedMyServerRequiresEncryptionWithoutValidationAsFreeTdsDoes() {
    ConnectionConfig c = SEED.forServer("myserver").user("myuser").password("mypassword".toCharArray()).build();

    assertThat(c).isEqualTo(server("db.example.com", requireWithoutValidation().build())
        .user("myuser").password("mypassword".toCharArray()).build());
    assertThat(c.tls().trustServerCertificate()).isTrue();
  }

  @Test
  void seedAzure() {
    assertThat(SEED.forServer("azure").database("yourdatabase").build())
        .isEqualTo(server("yourserver.database.windows.net", requireWithoutValidation().build())
            .database("yourdatabase").build());
  }

  @Test
  void seedLegacyServerEnablesTls10() {
    ConnectionConfig c = SEED.forServer("legacy-server").build();

    assertThat(c).isEqualTo(server("oldbox.example.com", requireWithoutValidation().enableLegacyTls(true).build())
        .tdsVersion(TdsVersion.V7_1).build());
    assertThat(c.tls().minProtocolVersion()).isEqualTo(TlsVersion.TLS_1_0);
  }

  @Test
  void seedValidatedSectionChecksChainAndHostname() {
    ConnectionConfig c = SEED.forServer("validated").build();

    assertThat(c).isEqualTo(server("db.example.com", TlsConfig.builder()
        .caFile(Path.of("/etc/ssl/certs/ca-certificates.crt")).hostnameVerification(true).build()).build());
    assertThat(c.tls().trustServerCertificate()).isFalse();
  }

  @Test
  void sectionNamesAreCaseInsensitive() {
    assertThat(SEED.forServer("MyServer").build()).isEqualTo(SEED.forServer("myserver").build());
    assertThat(SEED.sectionNames()).containsExactly("myserver", "azure", "legacy-server", "validated");
  }

  @Test
  void globalDefaultsAreOverriddenByTheServersSection() {
    FreeTdsConf conf = FreeTdsConf.parse(String.join("\n",
        "[global]",
        "  tds version = 7.3",
        "  encryption = require",
        "  ca file = /etc/ssl/ca.pem",
        "  connect timeout = 5",
        "[a]",
        "  host = a.example.com",
        "[b]",
        "  host = b.example.com",
        "  tds version = 7.2",
        "  ca file =",
        "  encryption = request"));

    assertThat(conf.forServer("a").build()).isEqualTo(ConnectionConfig.builder().host("a.example.com")
        .tdsVersion(TdsVersion.V7_3A).connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5))
        .tls(TlsConfig.builder().caFile(Path.of("/etc/ssl/ca.pem")).build()).build());
    assertThat(conf.forServer("b").build()).isEqualTo(ConnectionConfig.builder().host("b.example.com")
        .tdsVersion(TdsVersion.V7_2).connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5))
        .tls(TlsConfig.builder().mode(EncryptMode.OPTIONAL).dangerous().trustServerCertificate(true).build()).build());
  }

  @Test
  void anUnknownNameIsAHostNameWithGlobalDefaults() {
    FreeTdsConf conf = FreeTdsConf.parse("[global]\nencryption = strict\n");
    TlsConfig strict = TlsConfig.builder().mode(EncryptMode.STRICT).build();

    assertThat(conf.forServer("db.example.com").build())
        .isEqualTo(ConnectionConfig.builder().host("db.example.com").tls(strict).build());
    assertThat(conf.forServer("db.example.com:1500").build())
        .isEqualTo(ConnectionConfig.builder().host("db.example.com").port(1500).tls(strict).build());
    assertThat(conf.forServer("db\\SQLEXPRESS").build())
        .isEqualTo(ConnectionConfig.builder().host("db").instanceName("SQLEXPRESS").tls(strict).build());
    assertThat(conf.forServer("[::1]:1433").build())
        .isEqualTo(ConnectionConfig.builder().host("::1").port(1433).tls(strict).build());
    assertThat(FreeTdsConf.empty().forServer("db").build().tls().mode()).isEqualTo(EncryptMode.OPTIONAL);
    assertThatThrownBy(() -> conf.forServer("no such server"))
        .hasMessage("invalid server name 'no such server': the host 'no such server' contains ' ',"
            + " which no host name or IP address has");
  }

  @Test
  void aSectionWithoutHostConnectsToItsOwnName() {
    FreeTdsConf conf = FreeTdsConf.parse("[db.internal]\nport = 1500\nencryption = off\n");

    assertThat(conf.forServer("db.internal").build()).isEqualTo(ConnectionConfig.builder().host("db.internal")
        .port(1500).tls(TlsConfig.builder().mode(EncryptMode.OFF).build()).build());
  }

  @Test
  void strictAlwaysValidatesWithTheSystemTrustStore() {
    ConnectionConfig c = FreeTdsConf.parse("[s]\nhost = db\nencryption = strict\n").forServer("s").build();

    assertThat(c.tls().trustServerCertificate()).isFalse();
    assertThat(c.tls().systemTrust()).isTrue();
    assertThat(c.tls().hostnameVerification()).isTrue();
    assertThat(c.tdsVersion()).isEqualTo(TdsVersion.V8_0);
  }

  @Test
  void everyEncryptionNameMapsToItsMode() {
    assertThat(mode("off")).isEqualTo(EncryptMode.OFF);
    assertThat(mode("request")).isEqualTo(EncryptMode.OPTIONAL);
    assertThat(mode("Require")).isEqualTo(EncryptMode.MANDATORY);
    assertThat(mode("STRICT")).isEqualTo(EncryptMode.STRICT);
  }

  private static EncryptMode mode(String name) {
    return FreeTdsConf.parse("[s]\nhost = db\nencryption = " + name).forServer("s").build().tls().mode();
  }

  @Test
  void certificateKeysMapToTheTlsConfig() {
    FreeTdsConf conf = FreeTdsConf.parse(String.join("\n",
        "[s]",
        "host = db",
        "encryption = require",
        "ca file = system",
        "crl file = /etc/ssl/ca.crl",
        "check certificate hostname = no",
        "certificate hostname = sql.example.com",
        "enable tls v1.1 = on"));

    assertThat(conf.forServer("s").build()).isEqualTo(ConnectionConfig.builder().host("db")
        .tls(TlsConfig.builder().systemTrust(true).crlFile(Path.of("/etc/ssl/ca.crl")).hostnameVerification(false)
            .hostNameInCertificate("sql.example.com").enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_1)
            .build()).build());
  }

  @Test
  void timeoutsAndDatabaseAndInstance() {
    FreeTdsConf conf = FreeTdsConf.parse(String.join("\n",
        "[s]", "host = db", "instance = SQLEXPRESS", "database = sales", "timeout = 30", "connect timeout = 0",
        "tds version = auto", "encryption = require", "ca file = /ca.pem"));

    assertThat(conf.forServer("s").build()).isEqualTo(ConnectionConfig.builder().host("db").instanceName("SQLEXPRESS")
        .database("sales").readTimeout(Duration.ofSeconds(30))
        .tls(TlsConfig.builder().caFile(Path.of("/ca.pem")).build()).build());
  }

  @Test
  void queryTimeoutIsASynonymOfTimeout() {
    assertThat(FreeTdsConf.parse("[s]\nhost = db\nquery timeout = 12\nencryption = off").forServer("s").build())
        .isEqualTo(ConnectionConfig.builder().host("db").readTimeout(Duration.ofSeconds(12))
            .tls(TlsConfig.builder().mode(EncryptMode.OFF).build()).build());
  }

  @Test
  void formatFollowsFreeTds() {
    FreeTdsConf conf = FreeTdsConf.parse(String.join("\r\n",
        "; a comment",
        "# another",
        "[ My   Server ]",
        "  HOST   =   db.example.com   ; trailing comment",
        "\tTDS    Version = 7.2 # and another",
        "  text size = 64512",
        "  client charset = UTF-8",
        "  dump file = /tmp/freetds.log",
        "  debug flags = 0xffff"));

    assertThat(conf.forServer("my server").build()).isEqualTo(ConnectionConfig.builder().host("db.example.com")
        .tdsVersion(TdsVersion.V7_2)
        .tls(TlsConfig.builder().mode(EncryptMode.OPTIONAL).dangerous().trustServerCertificate(true).build()).build());
  }

  @Test
  void unknownKeyNamesItWithItsLineAndListsTheValidOnes() {
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\nhost = db\nencrypt = require\n"))
        .isInstanceOf(TdsConfigException.class)
        .hasMessage("freetds.conf line 3: unknown freetds.conf key 'encrypt': valid keys are host, port, instance,"
            + " tds version, encryption, ca file, crl file, check certificate hostname, certificate hostname,"
            + " enable tls v1, enable tls v1.1, database, timeout, query timeout, connect timeout, text size,"
            + " client charset, charset, language, dump file, dump file append, debug flags, debug level,"
            + " emulate little endian, swap broken dates, swap broken money, initial block size, use utf-16,"
            + " asa database, use ntlmv2, use lanman, realm, spn, enable gssapi delegation, mutual authentication,"
            + " database filename, read-only intent, openssl ciphers, gnutls ciphers, date format, date-only format,"
            + " time-only format");
  }

  @Test
  void badValuesNameTheKeyAndListTheValidValues() {
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\nencryption = mandatory").forServer("s"))
        .hasMessage("invalid encryption 'mandatory': valid values are off, request, require, strict");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\ntds version = 5.0").forServer("s"))
        .hasMessage("invalid tds version '5.0': valid values are 7.1, 7.2, 7.3, 7.3B, 7.4, 8.0, auto");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\ncheck certificate hostname = maybe").forServer("s"))
        .hasMessage("invalid check certificate hostname 'maybe': valid values are yes, true, on, 1, no, false, off, 0");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\nport = 99999").forServer("s"))
        .hasMessage("invalid port '99999': valid values are 1..65535");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\ntimeout = -5").forServer("s"))
        .hasMessage("invalid timeout '-5': valid values are 0..2147483647");
  }

  @Test
  void tds80NeedsStrict() {
    ConnectionConfig.Builder b = FreeTdsConf.parse("[s]\nhost = db\ntds version = 8.0\n").forServer("s");

    assertThatThrownBy(b::build).hasMessageContaining("older FreeTDS releases used 8.0 as a name for 7.1");
    assertThat(FreeTdsConf.parse("[s]\nhost = db\ntds version = 8.0\nencryption = strict").forServer("s").build()
        .tdsVersion()).isEqualTo(TdsVersion.V8_0);
  }

  @Test
  void malformedLinesAreReportedWithTheirNumber() {
    assertThatThrownBy(() -> FreeTdsConf.parse("host = db\n"))
        .hasMessage("freetds.conf line 1: 'host' is outside any section: put it under [global] or a [server] section");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s]\n\nhost db\n"))
        .hasMessage("freetds.conf line 3: 'host db' is neither [section] nor key = value");
    assertThatThrownBy(() -> FreeTdsConf.parse("[s\n"))
        .hasMessage("freetds.conf line 1: section header '[s' has no closing ']'");
    assertThatThrownBy(() -> FreeTdsConf.parse("[ ]\n")).isInstanceOf(TdsConfigException.class);
  }

  @Test
  void valuesAreKeptPerSectionAndComparable() {
    assertThat(FreeTdsConf.parse(SEED_001)).isEqualTo(SEED).hasSameHashCodeAs(SEED);
    assertThat(FreeTdsConf.parse("[x]\nhost = a")).isNotEqualTo(FreeTdsConf.parse("[x]\nhost = b"));
    assertThat(FreeTdsConf.empty().sectionNames()).isEmpty();
  }
}
