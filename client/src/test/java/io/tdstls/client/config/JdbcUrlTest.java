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

class JdbcUrlTest {

  private static final String URL = "jdbc:sqlserver://db";

  static Stream<Arguments> addresses() {
    return Stream.of(
        Arguments.of("jdbc:sqlserver://db", db().build()),
        Arguments.of("JDBC:SQLServer://db", db().build()),
        Arguments.of("jdbc:sqlserver://db:1433", db().port(1433).build()),
        Arguments.of("jdbc:sqlserver://db\\SQLEXPRESS", db().instanceName("SQLEXPRESS").build()),
        Arguments.of("jdbc:sqlserver://db\\SQLEXPRESS:1500", db().instanceName("SQLEXPRESS").port(1500).build()),
        Arguments.of("jdbc:sqlserver://[::1]:1433", ConnectionConfig.builder().host("::1").port(1433).build()),
        Arguments.of("jdbc:sqlserver://[fe80::1]\\INST", ConnectionConfig.builder().host("fe80::1").instanceName("INST").build()),
        Arguments.of("jdbc:sqlserver://;serverName=db", db().build()),
        Arguments.of("jdbc:sqlserver://;serverName=::1", ConnectionConfig.builder().host("::1").build()),
        Arguments.of("jdbc:sqlserver://;serverName=db\\SQLEXPRESS;portNumber=1500",
            db().instanceName("SQLEXPRESS").port(1500).build()),
        Arguments.of("jdbc:sqlserver://other:1500;serverName=db", db().port(1500).build()),
        Arguments.of("jdbc:sqlserver://db;port=1500", db().port(1500).build()),
        Arguments.of("jdbc:sqlserver://db;instanceName=SQLEXPRESS", db().instanceName("SQLEXPRESS").build()),
        Arguments.of("jdbc:sqlserver://db:1433;;;", db().port(1433).build()));
  }

  static Stream<Arguments> properties() {
    return Stream.of(
        Arguments.of("databaseName=sales", db().database("sales").build()),
        Arguments.of("database=sales", db().database("sales").build()),
        Arguments.of("DATABASENAME=sales", db().database("sales").build()),
        Arguments.of("user=sa", db().user("sa").build()),
        Arguments.of("userName=sa", db().user("sa").build()),
        Arguments.of("password=pw", db().password("pw".toCharArray()).build()),
        Arguments.of("password={a;b}", db().password("a;b".toCharArray()).build()),
        Arguments.of("password={a}}b}", db().password("a}b".toCharArray()).build()),
        Arguments.of("password={ x } ;database=d", db().password(" x ".toCharArray()).database("d").build()),
        Arguments.of("applicationName=billing", db().applicationName("billing").build()),
        Arguments.of("workstationID=ws1", db().workstationName("ws1").build()),
        Arguments.of("packetSize=8192", db().packetSize(8192).build()),
        Arguments.of("loginTimeout=5", db().connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5)).build()),
        Arguments.of("socketTimeout=2500", db().readTimeout(Duration.ofMillis(2500)).build()),
        Arguments.of("tdsVersion=7.2", db().tdsVersion(TdsVersion.V7_2).build()),
        Arguments.of("encrypt=strict;tdsVersion=8.0", db().tls(mode(EncryptMode.STRICT)).build()));
  }

  static Stream<Arguments> tlsProperties() {
    return Stream.of(
        Arguments.of("encrypt=true", db(t -> t.mode(EncryptMode.MANDATORY))),
        Arguments.of("encrypt=false", db(t -> t.mode(EncryptMode.OPTIONAL))),
        Arguments.of("encrypt=optional", db(t -> t.mode(EncryptMode.OPTIONAL))),
        Arguments.of("encrypt=mandatory", db(t -> t.mode(EncryptMode.MANDATORY))),
        Arguments.of("encrypt=strict", db(t -> t.mode(EncryptMode.STRICT))),
        Arguments.of("trustServerCertificate=true", db(t -> t.dangerous().trustServerCertificate(true))),
        Arguments.of("hostNameInCertificate=*.example.com", db(t -> t.hostNameInCertificate("*.example.com"))),
        Arguments.of("serverCertificate=/etc/db.pem", db(t -> t.serverCertificate(Path.of("/etc/db.pem")))),
        Arguments.of("trustStore=/ts.jks;trustStoreType=JKS;trustStorePassword={pa;ss}",
            db(t -> t.trustStore(Path.of("/ts.jks"), "JKS", "pa;ss".toCharArray()))),
        Arguments.of("sslProtocol=TLS", db().build()),
        Arguments.of("sslProtocol=TLSv1.2", db(t -> t.minProtocolVersion(TlsVersion.TLS_1_2).maxProtocolVersion(TlsVersion.TLS_1_2))),
        Arguments.of("sslProtocol=TLSv1.3;encrypt=strict", db(t -> t.mode(EncryptMode.STRICT)
            .minProtocolVersion(TlsVersion.TLS_1_3).maxProtocolVersion(TlsVersion.TLS_1_3))),
        Arguments.of("sslProtocol=TLSv1.1", db(t -> t.enableLegacyTls(true)
            .minProtocolVersion(TlsVersion.TLS_1_1).maxProtocolVersion(TlsVersion.TLS_1_1))),
        Arguments.of("sslProtocol=tlsv1", db(t -> t.enableLegacyTls(true)
            .minProtocolVersion(TlsVersion.TLS_1_0).maxProtocolVersion(TlsVersion.TLS_1_0))),
        Arguments.of("encrypt=strict;clientCertificate=/c.pem;clientKey=/k.pem;clientKeyPassword=kp",
            db(t -> t.mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(Path.of("/c.pem"), Path.of("/k.pem"), "kp".toCharArray())))),
        Arguments.of("encrypt=strict;clientCertificate=/c.pfx",
            db(t -> t.mode(EncryptMode.STRICT).clientAuth(ClientAuth.pkcs12(Path.of("/c.pfx"), null)))),
        Arguments.of("caFile=/ca.pem;crlFile=/ca.crl", db(t -> t.caFile(Path.of("/ca.pem")).crlFile(Path.of("/ca.crl")))),
        Arguments.of("minTlsVersion=1.2;maxTlsVersion=1.2", db(t -> t.maxProtocolVersion(TlsVersion.TLS_1_2))),
        Arguments.of("enableLegacyTls=true", db(t -> t.enableLegacyTls(true))),
        Arguments.of("serverCertificateSha256=" + "AB:".repeat(31) + "AB", db(t -> t.serverCertificateSha256("ab".repeat(32)))),
        Arguments.of("checkCertificateHostname=false", db(t -> t.hostnameVerification(false))));
  }

  @ParameterizedTest
  @MethodSource("addresses")
  void hostPartAndAddressProperties(String url, ConnectionConfig expected) {
    assertThat(ConnectionStrings.parseJdbcUrl(url)).isEqualTo(expected);
    assertThat(ConnectionStrings.parse(url)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource({"properties", "tlsProperties"})
  void propertiesParseToTheEquivalentBuilderCall(String properties, ConnectionConfig expected) {
    assertThat(ConnectionStrings.parseJdbcUrl(URL + ";" + properties)).isEqualTo(expected);
  }

  @Test
  void notAJdbcUrl() {
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:postgresql://db/x"))
        .isInstanceOf(TdsConfigException.class)
        .hasMessage("not a SQL Server JDBC URL: it must start with jdbc:sqlserver://");
  }

  @Test
  void unknownPropertyNamesItAndListsTheValidOnes() {
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";failoverPartner=db2"))
        .hasMessage("unknown JDBC URL key 'failoverPartner': valid keys are serverName, portNumber, instanceName,"
            + " databaseName, user, password, encrypt, trustServerCertificate, hostNameInCertificate, serverCertificate,"
            + " trustStore, trustStorePassword, trustStoreType, sslProtocol, applicationName, workstationID, packetSize,"
            + " loginTimeout, socketTimeout, queryTimeout, clientCertificate, clientKey, clientKeyPassword, caFile, crlFile,"
            + " minTlsVersion, maxTlsVersion, enableLegacyTls, serverCertificateSha256, tdsVersion,"
            + " checkCertificateHostname, accessToken, authentication, integratedSecurity, authenticationScheme,"
            + " serverSpn, tlsProvider, tlsSessionResumption");
  }

  @Test
  void badValuesNameThePropertyAndListTheValidValues() {
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";sslProtocol=SSLv3"))
        .hasMessage("invalid sslProtocol 'SSLv3': valid values are TLS, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";encrypt=require-ish"))
        .hasMessage("invalid encrypt 'require-ish': valid values are true, yes, mandatory, false, no, optional, strict, off");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";portNumber=0"))
        .hasMessage("invalid portNumber '0': valid values are 1..65535");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:sqlserver://db:x"))
        .hasMessage("invalid JDBC URL host port 'x': valid values are 1..65535");
  }

  @Test
  void malformedSyntaxSaysHowToWriteIt() {
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";encrypt"))
        .hasMessage("JDBC URL: 'encrypt' has no '=': write ;property=value");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";password={abc"))
        .hasMessage("JDBC URL: the value of 'password' opens '{' that is never closed:"
            + " close it with '}', and write '}}' for a '}' inside the value");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";password={a}b"))
        .hasMessage("JDBC URL: unexpected text after the braced value of 'password': put ';' after the closing '}'");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:sqlserver://fe80::1:1433"))
        .hasMessage("invalid JDBC URL host 'fe80::1:1433': write an IPv6 address in brackets, for example [::1]:1433");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:sqlserver://db/sales"))
        .hasMessage("invalid JDBC URL host 'db/sales': the host 'db/sales' contains '/', which no host name or IP address has");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:sqlserver://;=x"))
        .isInstanceOf(TdsConfigException.class);
  }

  @Test
  void contradictionsAreTheBuildersErrors() {
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";encrypt=strict;trustServerCertificate=true"))
        .hasMessageStartingWith("trustServerCertificate is not honoured in strict mode");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";sslProtocol=TLSv1.3"))
        .hasMessageStartingWith("TLS 1.3 is only used in strict mode");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl("jdbc:sqlserver://;databaseName=x"))
        .hasMessageStartingWith("no host");
    assertThatThrownBy(() -> ConnectionStrings.parseJdbcUrl(URL + ";trustStoreType=JKS"))
        .hasMessage("trustStoreType is set without a trust store: set that too, or remove trustStoreType");
  }

  @Test
  void parseChoosesTheSyntaxByPrefix() {
    assertThat(ConnectionStrings.parse("  jdbc:sqlserver://db;databaseName=a")).isEqualTo(db().database("a").build());
    assertThatThrownBy(() -> ConnectionStrings.parse("jdbc:sqlserver//db"))
        .hasMessageStartingWith("connection string: 'jdbc:sqlserver//db' has no '='");
  }
}
