package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.CertificateLogin.Field;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.Secret;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.server.PasswordFile;
import io.tdstls.server.PasswordHash;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginMappingTest {

  static final String HELD_PASSWORD = "Held-Backend-Pw1";
  static final Map<String, Credentials> HELD = Map.of(
      "reporting", new Credentials("report_reader", Secret.parse("inline:" + HELD_PASSWORD)),
      "etl", new Credentials("etl_writer", Secret.parse("inline:Etl-Pw-2")),
      "missing", new Credentials("ghost", Secret.parse("env:TDSTLS_TEST_UNSET_VARIABLE_4711")));

  static X509Certificate cert;
  @TempDir static Path dir;
  static PasswordFile users;

  @BeforeAll
  static void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair pair = g.generateKeyPair();
    X500Name subject = X500Name.getInstance(new javax.security.auth.x500.X500Principal("CN=reporting,O=Example").getEncoded());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.TEN, Date.from(now),
        Date.from(now.plus(1, ChronoUnit.DAYS)), subject, pair.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "Report.Example.com"),
        new GeneralName(GeneralName.rfc822Name, "reports@Example.COM"),
        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.com/reporting")}));
    cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    Path file = Files.writeString(dir.resolve("users"),
        "alice:" + PasswordHash.create("Alice-Pw-9".toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n");
    users = PasswordFile.load(file);
  }

  static Login7 clientLogin() {
    return Login7.builder().tdsVersion(TdsVersion.V8_0).hostName("client-host").userName("alice")
        .password("Alice-Pw-9").appName("report-app").database("sales").language("us_english")
        .clientPid(4242).clientInterfaceName("mssql-jdbc").serverName("gw.example.com").packetSize(8000)
        .optionFlags2(Login7.OPTION2_ODBC).build();
  }

  static LoginMapping certificates(CertificateLogin... ids) {
    return new LoginMapping(new RouteLogin(RouteLogin.Mode.CERTIFICATE, null, List.of(ids)), HELD, null);
  }

  static LoginMapping gatewayUsers(String as) {
    return new LoginMapping(new RouteLogin(RouteLogin.Mode.GATEWAY_USERS, as, List.of()), HELD, users);
  }

  @Test
  void passthroughRelaysTheClientsBytes() {
    LoginMapping.Decision d = LoginMapping.passthrough().map(clientLogin(), List.of(), false);
    assertThat(d).isInstanceOf(LoginMapping.Forward.class);
    assertThat(((LoginMapping.Forward) d).login()).isNull();
  }

  @Test
  void theSubjectMapsToHeldCredentialsAndKeepsTheClientsFields() throws Exception {
    LoginMapping m = certificates(new CertificateLogin(Field.SUBJECT, "cn=Reporting, o=example", "reporting"));
    LoginMapping.Forward f = (LoginMapping.Forward) m.map(clientLogin(), List.of(cert), true);
    assertThat(f.backendUser()).isEqualTo("report_reader");
    assertThat(f.identity()).isEqualTo("subject:cn=Reporting, o=example");
    Login7 sent = Login7.decode(f.login().encode());
    assertThat(sent.userName()).isEqualTo("report_reader");
    assertThat(sent.password()).isEqualTo(HELD_PASSWORD);
    assertThat(List.of(sent.appName(), sent.hostName(), sent.database(), sent.language(), sent.clientInterfaceName(),
        sent.serverName())).containsExactly("report-app", "client-host", "sales", "us_english", "mssql-jdbc",
        "gw.example.com");
    assertThat(sent.clientPid()).isEqualTo(4242);
    assertThat(sent.packetSize()).isEqualTo(8000);
    assertThat(sent.tdsVersionCode()).isEqualTo(TdsVersion.V8_0.code());
    assertThat(sent.optionFlags2()).isEqualTo(Login7.OPTION2_ODBC);
  }

  @Test
  void eachSanKindMapsAndTheFirstMatchWins() {
    LoginMapping dns = certificates(new CertificateLogin(Field.DNS, "nothing.example.com", "etl"),
        new CertificateLogin(Field.DNS, "report.example.com", "reporting"),
        new CertificateLogin(Field.SUBJECT, "CN=reporting,O=Example", "etl"));
    assertThat(((LoginMapping.Forward) dns.map(clientLogin(), List.of(cert), true)).backendUser())
        .isEqualTo("report_reader");
    LoginMapping email = certificates(new CertificateLogin(Field.EMAIL, "reports@example.com", "etl"));
    assertThat(((LoginMapping.Forward) email.map(clientLogin(), List.of(cert), true)).backendUser())
        .isEqualTo("etl_writer");
    LoginMapping emailLocalPartCase = certificates(new CertificateLogin(Field.EMAIL, "Reports@example.com", "etl"));
    assertThat(emailLocalPartCase.map(clientLogin(), List.of(cert), true)).isInstanceOf(LoginMapping.Refuse.class);
    LoginMapping uri = certificates(new CertificateLogin(Field.URI, "spiffe://example.com/reporting", "etl"));
    assertThat(((LoginMapping.Forward) uri.map(clientLogin(), List.of(cert), true)).identity())
        .isEqualTo("uri:spiffe://example.com/reporting");
  }

  @Test
  void noCertificateAnUnmappedOneOrATds7LoginIsRefusedWith18456Advice() {
    LoginMapping m = certificates(new CertificateLogin(Field.DNS, "other.example.com", "reporting"));
    LoginMapping.Refuse none = (LoginMapping.Refuse) m.map(clientLogin(), List.of(), true);
    assertThat(none.message()).startsWith("Login failed for user 'alice'.").contains("encrypt=strict", "client CA");
    LoginMapping.Refuse tds7 = (LoginMapping.Refuse) m.map(clientLogin(), List.of(cert), false);
    assertThat(tds7.reason()).contains("TDS 7.x");
    LoginMapping.Refuse unmapped = (LoginMapping.Refuse) m.map(clientLogin(), List.of(cert), true);
    assertThat(unmapped.message()).contains("'CN=reporting,O=Example' is not mapped", "login.certificates")
        .doesNotContain("report_reader", HELD_PASSWORD, "other.example.com");
  }

  @Test
  void theFedAuthFeatureSspiAndAPasswordChangeAreRemoved() throws Exception {
    FeatureExt utf8 = new FeatureExt(0x0A, new byte[] {1});
    Login7 client = clientLogin().toBuilder().fedAuth(FedAuthFeature.securityToken("tok-123", false, null))
        .featureExt(List.of(FedAuthFeature.securityToken("tok-123", false, null).toFeatureExt(), utf8))
        .sspi(new byte[] {9, 9}).optionFlags2(Login7.OPTION2_ODBC | Login7.OPTION2_INT_SECURITY).build();
    LoginMapping m = certificates(new CertificateLogin(Field.URI, "spiffe://example.com/reporting", "reporting"));
    Login7 sent = Login7.decode(((LoginMapping.Forward) m.map(client, List.of(cert), true)).login().encode());
    assertThat(sent.featureExt()).containsExactly(utf8);
    assertThat(sent.sspi()).isEmpty();
    assertThat(sent.integratedSecurity()).isFalse();
    assertThat(sent.optionFlags2()).isEqualTo(Login7.OPTION2_ODBC);

    Login7 onlyFedAuth = clientLogin().toBuilder().fedAuth(FedAuthFeature.securityToken("tok-1", false, null)).build();
    Login7 sent2 = Login7.decode(((LoginMapping.Forward) m.map(onlyFedAuth, List.of(cert), true)).login().encode());
    assertThat(sent2.featureExt()).isEmpty();
    assertThat(sent2.hasExtension()).isFalse();
  }

  @Test
  void gatewayUsersRightPasswordMapsWrongOneIsRefused() throws Exception {
    LoginMapping m = gatewayUsers("etl");
    LoginMapping.Forward ok = (LoginMapping.Forward) m.map(clientLogin(), List.of(), false);
    assertThat(ok.backendUser()).isEqualTo("etl_writer");
    assertThat(ok.identity()).isEqualTo("gateway-user:alice");
    Login7 sent = Login7.decode(ok.login().encode());
    assertThat(sent.password()).isEqualTo("Etl-Pw-2");
    assertThat(sent.appName()).isEqualTo("report-app");

    LoginMapping.Refuse wrong = (LoginMapping.Refuse) m.map(clientLogin().toBuilder().password("nope").build(),
        List.of(), false);
    assertThat(wrong.message()).isEqualTo("Login failed for user 'alice'. Check the user name and password.");
    LoginMapping.Refuse unknown = (LoginMapping.Refuse) m.map(clientLogin().toBuilder().userName("mallory").build(),
        List.of(), false);
    assertThat(unknown.message()).isEqualTo("Login failed for user 'mallory'. Check the user name and password.");
    LoginMapping.Refuse sspi = (LoginMapping.Refuse) m.map(clientLogin().toBuilder().userName("")
        .optionFlags2(Login7.OPTION2_INT_SECURITY).build(), List.of(), false);
    assertThat(sspi.message()).startsWith("Login failed.").contains("user name and password");
    LoginMapping.Refuse change = (LoginMapping.Refuse) m.map(clientLogin().toBuilder().changePassword("New-Pw-1")
        .optionFlags3(Login7.OPTION3_CHANGE_PASSWORD).build(), List.of(), false);
    assertThat(change.message()).contains("cannot be changed");
  }

  @Test
  void anUnreadableHeldPasswordIsRefusedWithoutDetailsForTheClient() {
    LoginMapping m = gatewayUsers("missing");
    LoginMapping.Refuse r = (LoginMapping.Refuse) m.map(clientLogin(), List.of(), false);
    assertThat(r.message()).contains("could not read the login it holds").doesNotContain("TDSTLS_TEST_UNSET");
    assertThat(r.reason()).contains("TDSTLS_TEST_UNSET_VARIABLE_4711");
  }

  @Test
  void settingsNamingMissingCredentialsOrUsersAreRejected() {
    assertThatThrownBy(() -> certificates(new CertificateLogin(Field.DNS, "x", "nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> certificates(new CertificateLogin(Field.SUBJECT, "not a DN", "etl")))
        .hasMessageContaining("not a distinguished name");
    assertThatThrownBy(() -> certificates()).hasMessageContaining("at least one identity");
    assertThatThrownBy(() -> new LoginMapping(new RouteLogin(RouteLogin.Mode.GATEWAY_USERS, "etl", List.of()), HELD,
        null)).hasMessageContaining("password file");
    assertThatThrownBy(() -> gatewayUsers("nope")).hasMessageContaining("'nope'");
  }
}
