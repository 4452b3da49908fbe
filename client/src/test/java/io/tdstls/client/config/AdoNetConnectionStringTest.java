package io.tdstls.client.config;

import static io.tdstls.client.config.Configs.db;
import static io.tdstls.client.config.Configs.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdoNetConnectionStringTest {

  static Stream<Arguments> servers() {
    return Stream.of(
        Arguments.of("Server=db", db().build()),
        Arguments.of("Data Source=db", db().build()),
        Arguments.of("Address=db", db().build()),
        Arguments.of("Addr=db", db().build()),
        Arguments.of("Network Address=db", db().build()),
        Arguments.of("SERVER=db", db().build()),
        Arguments.of("  data source  =  db  ", db().build()),
        Arguments.of("Server=tcp:db,1433", db().port(1433).build()),
        Arguments.of("Server=TCP:db", db().build()),
        Arguments.of("Server=db,1500", db().port(1500).build()),
        Arguments.of("Server=db\\SQLEXPRESS", db().instanceName("SQLEXPRESS").build()),
        Arguments.of("Server=tcp:db\\SQLEXPRESS,1500", db().instanceName("SQLEXPRESS").port(1500).build()),
        Arguments.of("Server=(local)", ConnectionConfig.builder().host("localhost").build()),
        Arguments.of("Server=.", ConnectionConfig.builder().host("localhost").build()),
        Arguments.of("Server=.\\SQLEXPRESS", ConnectionConfig.builder().host("localhost").instanceName("SQLEXPRESS").build()),
        Arguments.of("Server=LocalHost,1433", ConnectionConfig.builder().host("localhost").port(1433).build()),
        Arguments.of("Server=[::1]", ConnectionConfig.builder().host("::1").build()),
        Arguments.of("Server=[::1],1433", ConnectionConfig.builder().host("::1").port(1433).build()),
        Arguments.of("Server=::1", ConnectionConfig.builder().host("::1").build()),
        Arguments.of("Server=tcp:[fe80::1]\\INST,1500",
            ConnectionConfig.builder().host("fe80::1").instanceName("INST").port(1500).build()),
        Arguments.of("Server=a;Server=db", db().build()),
        Arguments.of(";;Server=db;;", db().build()),
        Arguments.of("Server='db'", db().build()));
  }

  static Stream<Arguments> loginKeys() {
    return Stream.of(
        Arguments.of("Server=db;Database=sales", db().database("sales").build()),
        Arguments.of("Server=db;Initial Catalog=sales", db().database("sales").build()),
        Arguments.of("Server=db;User ID=sa", db().user("sa").build()),
        Arguments.of("Server=db;UID=sa", db().user("sa").build()),
        Arguments.of("Server=db;user=sa", db().user("sa").build()),
        Arguments.of("Server=db;Password=pw", db().password("pw".toCharArray()).build()),
        Arguments.of("Server=db;PWD=pw", db().password("pw".toCharArray()).build()),
        Arguments.of("Server=db;Application Name=billing", db().applicationName("billing").build()),
        Arguments.of("Server=db;App=billing", db().applicationName("billing").build()),
        Arguments.of("Server=db;Workstation ID=ws1", db().workstationName("ws1").build()),
        Arguments.of("Server=db;WSID=ws1", db().workstationName("ws1").build()),
        Arguments.of("Server=db;Packet Size=8192", db().packetSize(8192).build()),
        Arguments.of("Server=db;Connect Timeout=5",
            db().connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5)).build()),
        Arguments.of("Server=db;Connection Timeout=5",
            db().connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5)).build()),
        Arguments.of("Server=db;Timeout=0", db().connectTimeout(Duration.ZERO).loginTimeout(Duration.ZERO).build()),
        Arguments.of("Server=db;Command Timeout=30", db().readTimeout(Duration.ofSeconds(30)).build()),
        Arguments.of("Server=db;TDS Version=7.1", db().tdsVersion(TdsVersion.V7_1).build()),
        Arguments.of("Server=db;TDS Version=7.3", db().tdsVersion(TdsVersion.V7_3A).build()),
        Arguments.of("Server=db;TDS Version=auto", db().build()),
        Arguments.of("Server=db;Encrypt=strict;TDS Version=8.0", db().tls(mode(EncryptMode.STRICT)).build()),
        Arguments.of("Server=db;Pooling=false;Max Pool Size=10;Persist Security Info=false", db().build()));
  }

  static Stream<Arguments> encryptModes() {
    return Stream.of(
        Arguments.of("true", EncryptMode.MANDATORY),
        Arguments.of("yes", EncryptMode.MANDATORY),
        Arguments.of("Mandatory", EncryptMode.MANDATORY),
        Arguments.of("false", EncryptMode.OPTIONAL),
        Arguments.of("NO", EncryptMode.OPTIONAL),
        Arguments.of("optional", EncryptMode.OPTIONAL),
        Arguments.of("strict", EncryptMode.STRICT),
        Arguments.of("off", EncryptMode.OFF));
  }

  static Stream<Arguments> tlsKeys() {
    Path ca = Path.of("/etc/ssl/ca.pem");
    return Stream.of(
        Arguments.of("TrustServerCertificate=true", db(t -> t.dangerous().trustServerCertificate(true))),
        Arguments.of("Trust Server Certificate=yes", db(t -> t.dangerous().trustServerCertificate(true))),
        Arguments.of("TrustServerCertificate=false", db().build()),
        Arguments.of("HostNameInCertificate=*.example.com", db(t -> t.hostNameInCertificate("*.example.com"))),
        Arguments.of("Host Name In Certificate=x.example.com", db(t -> t.hostNameInCertificate("x.example.com"))),
        Arguments.of("ServerCertificate=/etc/ssl/db.pem", db(t -> t.serverCertificate(Path.of("/etc/ssl/db.pem")))),
        Arguments.of("Server Certificate=/etc/ssl/db.cer", db(t -> t.serverCertificate(Path.of("/etc/ssl/db.cer")))),
        Arguments.of("Server Certificate SHA256=" + "ab".repeat(32), db(t -> t.serverCertificateSha256("ab".repeat(32)))),
        Arguments.of("CA File=/etc/ssl/ca.pem", db(t -> t.caFile(ca))),
        Arguments.of("CA File=system", db(t -> t.systemTrust(true))),
        Arguments.of("CA File=/etc/ssl/ca.pem;CRL File=/etc/ssl/ca.crl", db(t -> t.caFile(ca).crlFile(Path.of("/etc/ssl/ca.crl")))),
        Arguments.of("Trust Store=/etc/ts.p12", db(t -> t.trustStore(Path.of("/etc/ts.p12"), "PKCS12", null))),
        Arguments.of("Trust Store=/etc/ts.jks;Trust Store Type=jks;Trust Store Password=changeit",
            db(t -> t.trustStore(Path.of("/etc/ts.jks"), "JKS", "changeit".toCharArray()))),
        Arguments.of("Min TLS Version=1.3;Encrypt=strict",
            db(t -> t.mode(EncryptMode.STRICT).minProtocolVersion(TlsVersion.TLS_1_3))),
        Arguments.of("Max TLS Version=TLSv1.2", db(t -> t.maxProtocolVersion(TlsVersion.TLS_1_2))),
        Arguments.of("Enable Legacy TLS=true", db(t -> t.enableLegacyTls(true))),
        Arguments.of("Enable Legacy TLS=yes;Min TLS Version=1.1",
            db(t -> t.enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_1))),
        Arguments.of("Check Certificate Hostname=no", db(t -> t.hostnameVerification(false))),
        Arguments.of("Encrypt=strict;Client Certificate=/c.pem;Client Key=/k.pem;Client Key Password=kp",
            db(t -> t.mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(Path.of("/c.pem"), Path.of("/k.pem"), "kp".toCharArray())))),
        Arguments.of("Encrypt=strict;Client Certificate=/c.p12;Client Key Password=kp",
            db(t -> t.mode(EncryptMode.STRICT).clientAuth(ClientAuth.pkcs12(Path.of("/c.p12"), "kp".toCharArray())))),
        Arguments.of("Encrypt=strict;Client Certificate=/c.p12",
            db(t -> t.mode(EncryptMode.STRICT).clientAuth(ClientAuth.pkcs12(Path.of("/c.p12"), null)))));
  }

  static Stream<Arguments> quoting() {
    return Stream.of(
        Arguments.of("Server=db;Password='a;b'", "a;b"),
        Arguments.of("Server=db;Password=\"a;b\"", "a;b"),
        Arguments.of("Server=db;Password='it''s'", "it's"),
        Arguments.of("Server=db;Password=\"say \"\"hi\"\"\"", "say \"hi\""),
        Arguments.of("Server=db;Password=\"it's\"", "it's"),
        Arguments.of("Server=db;Password=' padded '", " padded "),
        Arguments.of("Server=db;Password=  trimmed  ;", "trimmed"),
        Arguments.of("Server=db;Password='x' ;Database=d", "x"),
        Arguments.of("Server=db;Password=a=b", "a=b"),
        Arguments.of("Server=db;Password=a'b", "a'b"),
        Arguments.of("Server=db;Password= =", "="));
  }

  @ParameterizedTest
  @MethodSource({"servers", "loginKeys"})
  void parsesToTheEquivalentBuilderCall(String connectionString, ConnectionConfig expected) {
    assertThat(ConnectionStrings.parseAdoNet(connectionString)).isEqualTo(expected);
    assertThat(ConnectionStrings.parse(connectionString)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("tlsKeys")
  void tlsKeysReachTheTlsConfig(String settings, ConnectionConfig expected) {
    assertThat(ConnectionStrings.parseAdoNet("Server=db;" + settings)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("encryptModes")
  void everyEncryptNameMapsToItsMode(String value, EncryptMode expected) {
    assertThat(ConnectionStrings.parseAdoNet("Server=db;Encrypt=" + value)).isEqualTo(db().tls(mode(expected)).build());
  }

  @ParameterizedTest
  @MethodSource("quoting")
  void quotedValuesFollowSqlClient(String connectionString, String password) {
    assertThat(ConnectionStrings.parseAdoNet(connectionString).password())
        .hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo(password));
  }

  @Test
  void doubledEqualsInAKeyIsAnEqualsSign() {
    assertThat(AdoNetParser.tokenize("a==b=c")).containsExactly(new Entry("a=b", "c"));
  }

  @Test
  void userAndPasswordGivenSeparatelyReplaceThoseInTheString() {
    ConnectionConfig c = ConnectionStrings.parse("Server=db;User ID=old;Password=old", "new", "pw".toCharArray());

    assertThat(c).isEqualTo(db().user("new").password("pw".toCharArray()).build());
    assertThat(ConnectionStrings.builder("Server=db").database("x").build()).isEqualTo(db().database("x").build());
  }

  @Test
  void unknownKeyNamesItAndListsTheValidOnes() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Failover Partner=db2"))
        .isInstanceOf(TdsConfigException.class)
        .hasMessage("unknown connection string key 'Failover Partner': valid keys are Data Source,"
            + " Initial Catalog, User ID, Password, Encrypt, TrustServerCertificate, HostNameInCertificate,"
            + " ServerCertificate, Application Name, Workstation ID, Packet Size, Connect Timeout, Command Timeout, Query Timeout,"
            + " Trust Store, Trust Store Password, Trust Store Type, CA File, CRL File, Min TLS Version,"
            + " Max TLS Version, Enable Legacy TLS, Client Certificate, Client Key, Client Key Password,"
            + " Server Certificate SHA256, TDS Version, Check Certificate Hostname, Authentication,"
            + " Integrated Security, ServerSPN, TLS Provider, TLS Session Resumption");
  }

  @Test
  void spacesInsideKeysAreSignificant() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;InitialCatalog=x"))
        .hasMessageStartingWith("unknown connection string key 'InitialCatalog'");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Initial  Catalog=x"))
        .isInstanceOf(TdsConfigException.class);
  }

  @Test
  void badValuesNameTheKeyAndListTheValidValues() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Encrypt=maybe"))
        .hasMessage("invalid Encrypt 'maybe': valid values are true, yes, mandatory, false, no, optional, strict, off");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Trust Server Certificate=1"))
        .hasMessage("invalid Trust Server Certificate '1': valid values are true, yes, false, no");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Packet Size=100"))
        .hasMessage("invalid Packet Size '100': valid values are 512..32767");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db,http"))
        .hasMessage("invalid Server port 'http': valid values are 1..65535");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;TDS Version=5.0"))
        .hasMessage("invalid TDS Version '5.0': valid values are 7.1, 7.2, 7.3, 7.3B, 7.4, 8.0, auto");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Min TLS Version=1.4"))
        .hasMessage("invalid Min TLS Version '1.4': valid values are 1.0, 1.1, 1.2, 1.3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Connect Timeout=-1"))
        .hasMessage("invalid Connect Timeout '-1': valid values are 0..2147483647");
  }

  @Test
  void otherBadValuesAreTypedErrors() {
    for (String s : new String[] {
        "Server=db;Server Certificate SHA256=abc", "Server=db;Trust Store=/t;Trust Store Type=PEM",
        "Server=db;CA File=", "Server=db;CA File=a\u0000b", "Server=db\\", "Server=,1433", "Server=[::1",
        "Server=db;Command Timeout=soon", "Server=db,1433,1", "Server=my db", "Server=db/x", "Server=[]", "Server=db;Enable Legacy TLS=maybe", "Server=db;Check Certificate Hostname=2"}) {
      assertThatThrownBy(() -> ConnectionStrings.parseAdoNet(s)).as(s).isInstanceOf(TdsConfigException.class);
    }
  }

  @Test
  void aHostWithCharactersNoHostHasIsRejected() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db,1433,1"))
        .hasMessage("invalid Server 'db,1433,1': the host 'db,1433' contains ',', which no host name or IP address has");
  }

  @Test
  void onlyTcpIsSupported() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=np:\\\\db\\pipe\\sql\\query"))
        .hasMessage("invalid Server 'np:\\\\db\\pipe\\sql\\query': only TCP is supported, write tcp:host,port or host,port");
  }

  @Test
  void malformedSyntaxSaysHowToWriteIt() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Encrypt"))
        .hasMessage("connection string: 'Encrypt' has no '=': write key=value pairs separated by ';'");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Password='abc"))
        .hasMessage("connection string: the value of 'Password' opens a quote ' that is never closed:"
            + " close it, and double any ' inside the value");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Password='a'b"))
        .hasMessage("connection string: unexpected text after the quoted value of 'Password': put ';' after the closing quote");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("=db")).isInstanceOf(TdsConfigException.class);
  }

  @Test
  void contradictionsAreTheBuildersErrors() {
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Encrypt=strict;TrustServerCertificate=true"))
        .isInstanceOf(TdsConfigException.class)
        .hasMessageStartingWith("trustServerCertificate is not honoured in strict mode");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;TDS Version=8.0"))
        .hasMessageStartingWith("TDS version 8.0 is only spoken in strict mode");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Client Certificate=/c.pem;Client Key=/k.pem"))
        .hasMessageStartingWith("a client certificate is only sent in strict mode");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Client Key=/k.pem"))
        .hasMessage("Client Key is set without a client certificate: set that too, or remove Client Key");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Server=db;Trust Store Password=x"))
        .hasMessage("Trust Store Password is set without a trust store: set that too, or remove Trust Store Password");
    assertThatThrownBy(() -> ConnectionStrings.parseAdoNet("Database=sales"))
        .hasMessageStartingWith("no host");
  }
}
