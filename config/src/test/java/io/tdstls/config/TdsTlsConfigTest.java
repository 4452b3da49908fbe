package io.tdstls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdsTlsConfigTest {

  @TempDir Path dir;

  private TdsTlsConfig parse(String yaml) {
    return TdsTlsConfig.parse(dir.resolve("tds-tls.yaml"), yaml);
  }

  private static final String FULL = String.join("\n",
      "listener:",
      "  host: 0.0.0.0",
      "  port: 14330",
      "  encryption: forced",
      "  strict: required",
      "  login-timeout: 10s",
      "  max-connections: 50",
      "  tls-provider: openssl",
      "  tls:",
      "    cert: certs/server.pem",
      "    key: certs/server.key",
      "    key-password: env:TDS_TLS_NO_SUCH_VARIABLE_SET_HERE_HOPEFULLY_NOT",
      "    client-ca: [clients-ca.pem]",
      "users:",
      "  file: users.txt",
      "  accounts:",
      "    app: inline:secret",
      "metrics: 127.0.0.1:9464",
      "drain-timeout: 5s",
      "routes:",
      "  - name: sales",
      "    match: { sni: sales.db.example.com }",
      "    backend:",
      "      host: 10.0.0.5",
      "      port: 1433",
      "      tls: { encrypt: strict, host-name-in-certificate: sql1.example.com, tls-min: '1.3' }",
      "    login:",
      "      mode: certificate",
      "      certificates:",
      "        - subject: CN=reporting,O=Example",
      "          as: reporting",
      "    credentials:",
      "      reporting: { user: rpt, password: 'file:" + "SECRET_FILE" + "' }",
      "  - name: rest",
      "    match: { default: true }",
      "    backend: { host: 10.0.0.6 }",
      "");

  @Test
  void readsEveryKeyIntoTheModel() throws Exception {
    Path secret = Files.writeString(dir.resolve("rpt.secret"), "s3cret\n");
    TdsTlsConfig c = parse(FULL.replace("env:TDS_TLS_NO_SUCH_VARIABLE_SET_HERE_HOPEFULLY_NOT", "inline:kp")
        .replace("SECRET_FILE", secret.toString()));
    assertThat(c.listener().host()).isEqualTo("0.0.0.0");
    assertThat(c.listener().port()).isEqualTo(14330);
    assertThat(c.listener().encryption()).isEqualTo(ServerEncryption.FORCED);
    assertThat(c.listener().strict()).isEqualTo(StrictPolicy.REQUIRED);
    assertThat(c.listener().loginTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.listener().maxConnections()).isEqualTo(50);
    assertThat(c.listener().tlsProvider()).isEqualTo("openssl");
    assertThat(c.listener().tls().cert()).isEqualTo(dir.resolve("certs/server.pem"));
    assertThat(c.listener().tls().keyPassword().reveal()).isEqualTo("kp");
    assertThat(c.listener().tls().clientCas()).containsExactly(dir.resolve("clients-ca.pem"));
    assertThat(c.users().file()).isEqualTo(dir.resolve("users.txt"));
    assertThat(c.users().accounts().get("app").reveal()).isEqualTo("secret");
    assertThat(c.metrics()).isEqualTo("127.0.0.1:9464");
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.watchedFiles()).containsExactly(dir.resolve("tds-tls.yaml"), dir.resolve("users.txt"));
    RouteConfig sales = c.routes().get(0);
    assertThat(sales.match()).isEqualTo(new RouteMatch(RouteMatch.Kind.SNI, "sales.db.example.com"));
    assertThat(sales.backendTls().encrypt()).isEqualTo(EncryptMode.STRICT);
    assertThat(sales.backendTls().tlsMin()).isEqualTo(TlsVersion.TLS_1_3);
    assertThat(sales.login().mode()).isEqualTo(RouteLogin.Mode.CERTIFICATE);
    assertThat(sales.login().certificates()).containsExactly(
        new CertificateLogin(CertificateLogin.Field.SUBJECT, "CN=reporting,O=Example", "reporting"));
    assertThat(sales.credentials("reporting").orElseThrow().password().reveal()).isEqualTo("s3cret");
    assertThat(sales.credentials("reporting").orElseThrow().toString()).doesNotContain("s3cret");
    assertThat(c.routes().get(1).backendPort()).isEqualTo(1433);
    assertThat(c.routes().get(1).backendTls().encrypt()).isEqualTo(EncryptMode.MANDATORY);
    assertThat(c.route("SALES.db.example.com", null, null)).contains(sales);
    assertThat(c.route("other", "x", "db")).contains(c.routes().get(1));
  }

  @Test
  void anEmptyListenerGivesServesDefaults() {
    TdsTlsConfig c = parse("listener: {}\n");
    assertThat(c.listener()).isEqualTo(ListenerConfig.defaults());
    assertThat(c.routes()).isEmpty();
  }

  @Test
  void aMissingEnvironmentVariableNamesTheKeyAndLine() {
    assertThatThrownBy(() -> parse(FULL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 12 column")
        .hasMessageContaining("listener.tls.key-password: the environment variable TDS_TLS_NO_SUCH_VARIABLE");
  }

  @Test
  void anOutOfRangePortNamesTheKeyLineAndColumn() {
    assertThatThrownBy(() -> parse("listener:\n  host: 127.0.0.1\n  port: 70000\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("listener.port");
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(3);
        })
        .hasMessageEndingWith("tds-tls.yaml line 3 column 3: listener.port: invalid value '70000': valid values are 0..65535");
  }

  @Test
  void anUnknownKeyIsRefusedListingTheValidOnes() {
    assertThatThrownBy(() -> parse("listener:\n  prot: 1433\n"))
        .hasMessageContaining("line 2 column 3: listener.prot: unknown key: valid keys here are");
  }

  @Test
  void aBadEnumListsTheValidValues() {
    assertThatThrownBy(() -> parse("listener:\n  encryption: always\n"))
        .hasMessageContaining("listener.encryption: invalid value 'always': valid values are available, forced, not-supported");
  }

  @Test
  void aBadBackendTlsVersionNamesTheRouteKey() {
    assertThatThrownBy(() -> parse("routes:\n  - name: a\n    match: { default: true }\n"
        + "    backend: { host: h, tls: { tls-min: '2.0' } }\n"))
        .hasMessageContaining("line 4")
        .hasMessageContaining("routes[0].backend.tls.tls-min: invalid TLS version");
  }

  @Test
  void routeNamesAndMatchesAreUnique() {
    String two = "routes:\n  - name: a\n    match: { database: sales }\n    backend: { host: h }\n"
        + "  - name: b\n    match: { database: SALES }\n    backend: { host: h }\n";
    assertThatThrownBy(() -> parse(two)).hasMessageContaining("line 6").hasMessageContaining(
        "routes[1].match: another route already matches SALES");
    assertThatThrownBy(() -> parse(two.replace("name: b", "name: a").replace("SALES", "hr")))
        .hasMessageContaining("routes[1].name: route name 'a' is used twice");
  }

  @Test
  void certificateLoginsNeedClientCasAndKnownCredentials() {
    String route = "routes:\n  - name: a\n    match: { sni: a }\n    backend: { host: h }\n"
        + "    login: { mode: certificate, certificates: [ { dns: x.example, as: nobody } ] }\n";
    assertThatThrownBy(() -> parse(route)).hasMessageContaining(
        "routes[0].login.certificates[0].as: no credentials named 'nobody'");
    String withCreds = route.replace("as: nobody", "as: svc") + "    credentials: { svc: { user: u, password: p } }\n";
    assertThatThrownBy(() -> parse(withCreds)).hasMessageContaining(
        "routes[0].login.mode: certificate logins need listener.tls.client-ca");
  }

  @Test
  void aMatchNeedsExactlyOneKind() {
    assertThatThrownBy(() -> parse("routes:\n  - name: a\n    match: { sni: a, database: b }\n    backend: { host: h }\n"))
        .hasMessageContaining("line 3").hasMessageContaining("routes[0].match: give exactly one of");
  }

  @Test
  void invalidYamlAndDuplicateKeysReportTheirLine() {
    assertThatThrownBy(() -> parse("listener:\n  port: 1\n  port: 2\n"))
        .hasMessageContaining("line 3").hasMessageContaining("not valid YAML").hasMessageContaining("port");
    assertThatThrownBy(() -> parse("listener: [\n")).isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("the file is empty");
  }

  @Test
  void pkcs12AndPemAreExclusive() {
    assertThatThrownBy(() -> parse("listener:\n  tls:\n    cert: a.pem\n    key: a.key\n    pkcs12: a.p12\n"))
        .hasMessageContaining("line 5").hasMessageContaining("listener.tls.pkcs12: give either pkcs12");
  }

  @Test
  void aRelativeFileSecretIsRelativeToTheConfigFile() throws Exception {
    Files.writeString(dir.resolve("pw.txt"), "from-file\nignored\n");
    TdsTlsConfig c = parse("users:\n  accounts:\n    app: file:pw.txt\n");
    assertThat(c.users().accounts().get("app").reveal()).isEqualTo("from-file");
    assertThat(c.users().accounts().get("app").toString()).doesNotContain("from-file");
  }

  @Test
  void theGatewaysKeysAlpnPreLoginLimitsAuditFileAndPerRouteTimeoutAndTrustStore() {
    TdsTlsConfig c = parse(String.join("\n",
        "listener:",
        "  alpn: required",
        "  pre-login-limit: 16",
        "  pre-login-budget: 4",
        "audit-file: logs/audit.jsonl",
        "routes:",
        "  - name: a",
        "    match: { default: true }",
        "    backend:",
        "      host: db",
        "      timeout: 3s",
        "      tls: { trust-store: trust.p12, trust-store-password: changeit }",
        ""));
    assertThat(c.listener().alpn()).isEqualTo(io.tdstls.negotiation.AlpnPolicy.REQUIRED);
    assertThat(c.listener().preLoginLimitKib()).isEqualTo(16);
    assertThat(c.listener().preLoginBudgetMib()).isEqualTo(4);
    assertThat(c.listener().encryption()).as("left to the command's default").isNull();
    assertThat(c.auditFile()).isEqualTo(dir.resolve("logs/audit.jsonl"));
    BackendTls t = c.routes().get(0).backendTls();
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.trustStore()).isEqualTo(dir.resolve("trust.p12"));
    assertThat(t.trustStorePassword()).hasToString("inline:***");
    assertThatThrownBy(() -> parse("listener:\n  pre-login-limit: 2\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2").hasMessageContaining("listener.pre-login-limit");
    assertThatThrownBy(() -> parse("routes:\n  - name: a\n    match: { default: true }\n"
        + "    backend: { host: db, tls: { server-certificate-sha256: 'abc' } }\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 4").hasMessageContaining("routes[0].backend.tls.server-certificate-sha256")
        .hasMessageContaining("64 hex digits");
  }
}
