package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.Secret;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.PasswordObfuscation;
import io.tdstls.server.PasswordFile;
import io.tdstls.server.PasswordHash;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import io.tdstls.tls.pki.HeldCertificate;
import io.tdstls.tls.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins the gateway checks itself and maps to held backend logins, with real drivers: Microsoft's
 * JDBC driver and tedious present client certificates in strict mode (which SQL Server and Babelfish
 * refuse, seed 004), the gateway maps the certificate's subject or DNS name to a held SQL login,
 * and the backend (the project's endpoint, TDS 7.x only, with a users file holding the mapped
 * logins) sees that login with the client's application name. Gateway users: a password checked
 * against the gateway's own hashed password file. On the wire, the client's password never
 * reaches the backend and the held password never reaches the client.
 */
class GatewayLoginMappingTest {

  static final String REPORT_USER = "report_reader";
  static final String REPORT_PASSWORD = "Held-Report-Pw-3";
  static final String ETL_USER = "etl_writer";
  static final String ETL_PASSWORD = "Held-Etl-Pw-8";
  static final String ALICE_PASSWORD = "Alice-Client-Pw-7";
  static final String QUERY = "SELECT SUSER_SNAME(), APP_NAME(), HOST_NAME()";

  @TempDir static Path dir;
  static HeldCertificate serverCa;
  static HeldCertificate clientCa;
  static Path serverCaPem;
  static Path serverPem;
  static Path clientCaPem;
  static Path reportCert;
  static Path reportKey;
  static Path dnsCert;
  static Path dnsKey;
  static Path intruderCert;
  static Path intruderKey;
  static Path foreignCert;
  static Path foreignKey;
  static HeldCertificate frontCert;
  static TdsServer backend;
  static HeldCertificate backendCert;
  static TdsGateway certGateway;
  static TdsGateway usersGateway;
  static PasswordFile gatewayUsers;
  static final List<String> audit = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    TediousRunner.requireInstalled();
    serverCa = HeldCertificate.builder().commonName("gateway server CA").certificateAuthority(0).build();
    clientCa = HeldCertificate.builder().commonName("gateway client CA").certificateAuthority(0)
        .keyType(KeyType.RSA_2048).build();
    HeldCertificate otherCa = HeldCertificate.builder().commonName("someone else's CA").certificateAuthority(0)
        .keyType(KeyType.RSA_2048).build();
    frontCert = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
        .serverAuth().signedBy(serverCa).build();
    serverCaPem = Files.writeString(dir.resolve("server-ca.pem"), serverCa.certificatePem());
    serverPem = Files.writeString(dir.resolve("front.pem"), frontCert.certificatePem());
    clientCaPem = Files.writeString(dir.resolve("client-ca.pem"), clientCa.certificatePem());
    Path[] report = clientFiles("reporting", "CN=reporting", null, clientCa);
    reportCert = report[0];
    reportKey = report[1];
    Path[] dns = clientFiles("etl", "CN=etl job", "etl.jobs.example.com", clientCa);
    dnsCert = dns[0];
    dnsKey = dns[1];
    Path[] intruder = clientFiles("intruder", "CN=intruder", null, clientCa);
    intruderCert = intruder[0];
    intruderKey = intruder[1];
    Path[] foreign = clientFiles("foreign", "CN=reporting", null, otherCa);
    foreignCert = foreign[0];
    foreignKey = foreign[1];

    // the backend: our endpoint, TDS 7.x only, TLS 1.2 at most, with a users file holding the mapped logins
    Path backendUsers = Files.writeString(dir.resolve("backend-users"),
        REPORT_USER + ":" + PasswordHash.create(REPORT_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n"
        + ETL_USER + ":" + PasswordHash.create(ETL_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n");
    backendCert = HeldCertificate.builder().commonName("localhost").addIpAddress("127.0.0.1").serverAuth().build();
    backend = TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
        .sessions(DiagnosticSessionHandler.factory(PasswordFile.load(backendUsers), StrictPolicy.DISABLED,
            "mapped-login-backend"))
        .tls(new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(backendCert.certifiedKey())
            .maxProtocolVersion(TlsVersion.TLS_1_2).build()))
        .build());

    // held credentials: one password from a mounted-secret style file, one from the configuration itself
    Path reportSecret = Files.writeString(dir.resolve("report.secret"), REPORT_PASSWORD + "\n");
    Map<String, Credentials> held = Map.of(
        "reporting", new Credentials(REPORT_USER, Secret.parse("file:" + reportSecret)),
        "etl", new Credentials(ETL_USER, Secret.parse("inline:" + ETL_PASSWORD)));
    RouteLogin certificates = new RouteLogin(RouteLogin.Mode.CERTIFICATE, null, List.of(
        new CertificateLogin(CertificateLogin.Field.SUBJECT, "CN=reporting", "reporting"),
        new CertificateLogin(CertificateLogin.Field.DNS, "etl.jobs.example.com", "etl")));
    certGateway = TdsGateway.start(gateway(backend.port(), EncryptMode.MANDATORY)
        .frontPolicy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .frontTls(ServerTlsConfig.builder().certifiedKey(frontCert.certifiedKey())
            .clientCertificates(ClientCertificateMode.OPTIONAL).addTrustedClientCa(clientCaPem).build(), TlsProvider.JDK)
        .login(certificates).credentials(held).build());

    Path usersFile = Files.writeString(dir.resolve("gateway-users"),
        "alice:" + PasswordHash.create(ALICE_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n");
    gatewayUsers = PasswordFile.load(usersFile);
    usersGateway = TdsGateway.start(gateway(backend.port(), EncryptMode.MANDATORY)
        .frontPolicy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .frontTls(ServerTlsConfig.builder().certifiedKey(frontCert.certifiedKey()).build(), TlsProvider.JDK)
        .login(new RouteLogin(RouteLogin.Mode.GATEWAY_USERS, "etl", List.of())).credentials(held)
        .users(gatewayUsers).build());
  }

  static GatewayConfig.Builder gateway(int backendPort, EncryptMode backendMode) {
    TlsConfig.Builder back = TlsConfig.builder().mode(backendMode);
    if (backendMode != EncryptMode.OFF) {
      back.serverCertificateSha256(backendCert.sha256Fingerprint().bytes());
    }
    return GatewayConfig.builder().backend("127.0.0.1", backendPort).backendTls(back.build()).audit(audit::add);
  }

  static Path[] clientFiles(String name, String subject, String dns, HeldCertificate ca) throws Exception {
    HeldCertificate.Builder b = HeldCertificate.builder().commonName(subject.substring(3)).keyType(KeyType.RSA_2048)
        .clientAuth().signedBy(ca);
    if (dns != null) {
      b.addDnsName(dns);
    }
    HeldCertificate c = b.build();
    return new Path[] {Files.writeString(dir.resolve(name + ".pem"), c.certificatePem()),
        Files.writeString(dir.resolve(name + ".key"), c.privateKeyPkcs8Pem())};
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {certGateway, usersGateway, backend}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort
      }
    }
    audit.forEach(line -> System.out.println("audit: " + line));
  }

  static String strictJdbcUrl(int port, Path cert, Path key) {
    return "jdbc:sqlserver://localhost:" + port + ";loginTimeout=15;encrypt=strict;serverCertificate=" + serverPem
        + ";applicationName=cert-app;workstationID=ws-cert" + (cert == null ? "" : ";clientCertificate=" + cert
        + ";clientKey=" + key);
  }

  static List<String> row(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(QUERY)) {
      assertThat(rs.next()).isTrue();
      return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
    }
  }

  @Test
  void jdbcWithAClientCertificateInStrictModeLogsInAsTheMappedLogin() throws Exception {
    try (Connection c = DriverManager.getConnection(strictJdbcUrl(certGateway.port(), reportCert, reportKey))) {
      assertThat(row(c)).containsExactly(REPORT_USER, "cert-app", "ws-cert");
    }
    try (Connection c = DriverManager.getConnection(strictJdbcUrl(certGateway.port(), dnsCert, dnsKey),
        "ignored-user", "ignored-password")) {
      assertThat(row(c).get(0)).as("the DNS SAN maps to the etl login").isEqualTo(ETL_USER);
    }
    assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"backend_user\":\"" + REPORT_USER + "\"",
        "\"login_identity\":\"subject:CN=reporting\"", "\"front_client_certificate\":\"CN=reporting\""));
  }

  @Test
  void tediousWithAClientCertificateInStrictModeLogsInAsTheMappedLogin() throws Exception {
    String config = "{\"host\":\"localhost\",\"port\":" + certGateway.port() + ",\"user\":\"cert\",\"password\":\"\""
        + ",\"encrypt\":\"strict\",\"ca\":\"" + serverCaPem + "\",\"cert\":\"" + reportCert + "\",\"key\":\""
        + reportKey + "\",\"query\":\"" + QUERY + "\"}";
    Processes.Result r = Processes.run(List.of("node", "run-query.js", config), null, TediousRunner.NODE_DIR, Map.of());
    assertThat(r.output()).contains("\"ok\":true", "\"rows\":[[\"" + REPORT_USER + "\",\"Tedious\"");
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    // the JDK's key manager offers only a certificate from a CA the server's CertificateRequest names,
    // so JDBC logs in without one, and the gateway refuses that with advice
    assertThatThrownBy(() -> DriverManager.getConnection(strictJdbcUrl(certGateway.port(), foreignCert, foreignKey)).close())
        .satisfies(e -> System.out.println("JDBC, a certificate from another CA: " + e.getMessage()))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(18456))
        .hasMessageContaining("present a certificate issued by the gateway's client CA");
    String config = "{\"host\":\"localhost\",\"port\":" + certGateway.port() + ",\"user\":\"cert\",\"password\":\"\""
        + ",\"encrypt\":\"strict\",\"ca\":\"" + serverCaPem + "\",\"cert\":\"" + foreignCert + "\",\"key\":\""
        + foreignKey + "\",\"query\":\"" + QUERY + "\"}";
    Processes.Result r = Processes.run(List.of("node", "run-query.js", config), null, TediousRunner.NODE_DIR, Map.of());
    System.out.println("tedious, a certificate from another CA: " + r.output());
    // OpenSSL sends the certificate anyway; the front's TLS handshake rejects it and sends its fatal
    // alert (TLS 1.3 checks the client's certificate after the client's Finished, so tedious reads
    // the alert where it waits for the PRELOGIN answer)
    assertThat(r.output()).contains("\"ok\":false", "\"stage\":\"connect\"", "alert certificate unknown")
        .doesNotContain(REPORT_USER);
    String noCert = "{\"host\":\"localhost\",\"port\":" + certGateway.port() + ",\"user\":\"cert\",\"password\":\"\""
        + ",\"encrypt\":\"strict\",\"ca\":\"" + serverCaPem + "\",\"query\":\"" + QUERY + "\"}";
    Processes.Result without = Processes.run(List.of("node", "run-query.js", noCert), null, TediousRunner.NODE_DIR,
        Map.of());
    assertThat(without.output()).contains("\"ok\":false", "Login failed for user 'cert'.",
        "present a certificate issued by the gateway's client CA");
  }

  @Test
  void anUnmappedCertificateOrNoneIsRefusedWithLoginFailed() {
    assertThatThrownBy(() -> DriverManager.getConnection(strictJdbcUrl(certGateway.port(), intruderCert, intruderKey)).close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(18456))
        .hasMessageContaining("The client certificate 'CN=intruder' is not mapped to a login");
    assertThatThrownBy(() -> DriverManager.getConnection(strictJdbcUrl(certGateway.port(), null, null), "sa", "pw").close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(18456))
        .hasMessageContaining("Login failed for user 'sa'.").hasMessageContaining("present a certificate");
  }

  @Test
  void gatewayUsersRightPasswordIsMappedWrongOneGets18456() throws Exception {
    String url = "jdbc:sqlserver://localhost:" + usersGateway.port() + ";loginTimeout=15;encrypt=strict;serverCertificate="
        + serverPem + ";applicationName=users-app";
    try (Connection c = DriverManager.getConnection(url, "alice", ALICE_PASSWORD)) {
      assertThat(row(c).subList(0, 2)).containsExactly(ETL_USER, "users-app");
    }
    assertThatThrownBy(() -> DriverManager.getConnection(url, "alice", "Wrong-Pw-1").close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(18456))
        .hasMessageContaining("Login failed for user 'alice'.");
    assertThatThrownBy(() -> DriverManager.getConnection(url, ETL_USER, ETL_PASSWORD).close())
        .as("the held login itself is not a gateway user").isInstanceOf(SQLException.class)
        .hasMessageContaining("Login failed for user '" + ETL_USER + "'.");
  }

  /**
   * Both hops in cleartext (front without encryption, back side {@code --backend-encrypt off} to a
   * backend without TLS), each behind a {@link TeeProxy}, so the bytes on the wire can be searched.
   */
  @Test
  void onTheWireTheClientsPasswordNeverReachesTheBackendNorTheHeldOneTheClient() throws Exception {
    Path backendUsers = Files.writeString(dir.resolve("plain-backend-users"),
        ETL_USER + ":" + PasswordHash.create(ETL_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n");
    try (TdsServer plainBackend = TdsServer.start(ServerConfig.builder()
            .policy(new ServerPolicy(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
            .sessions(DiagnosticSessionHandler.factory(PasswordFile.load(backendUsers), StrictPolicy.DISABLED, "plain"))
            .build());
        TeeProxy backHop = new TeeProxy(plainBackend.port());
        TdsGateway gw = TdsGateway.start(gateway(backHop.port(), EncryptMode.OFF)
            .frontPolicy(new ServerPolicy(ServerEncryption.NOT_SUPPORTED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED))
            .login(new RouteLogin(RouteLogin.Mode.GATEWAY_USERS, "etl", List.of()))
            .credentials(Map.of("etl", new Credentials(ETL_USER, Secret.parse("inline:" + ETL_PASSWORD))))
            .users(gatewayUsers).build());
        TeeProxy frontHop = new TeeProxy(gw.port())) {
      String url = "jdbc:sqlserver://localhost:" + frontHop.port() + ";loginTimeout=15;encrypt=false";
      try (Connection c = DriverManager.getConnection(url, "alice", ALICE_PASSWORD)) {
        assertThat(row(c).get(0)).isEqualTo(ETL_USER);
      }
      // jTDS sends a TDS 7.1 LOGIN7 (the older fixed part): re-encoded with the held login, it works too
      String jtds = "jdbc:jtds:sqlserver://localhost:" + frontHop.port() + "/master;ssl=off;loginTimeout=15;appName=jtds-app";
      try (Connection c = new net.sourceforge.jtds.jdbc.Driver().connect(jtds, props("alice", ALICE_PASSWORD))) {
        assertThat(row(c).subList(0, 2)).containsExactly(ETL_USER, "jtds-app");
      }
      byte[] clientSent = frontHop.upstream();
      byte[] clientReceived = frontHop.downstream();
      byte[] backendReceived = backHop.upstream();
      byte[] backendSent = backHop.downstream();
      // the captures work: each password is where it belongs, in its TDS-obfuscated form
      assertThat(indexOf(clientSent, PasswordObfuscation.obfuscate(ALICE_PASSWORD))).as("client's LOGIN7").isNotNegative();
      assertThat(indexOf(backendReceived, PasswordObfuscation.obfuscate(ETL_PASSWORD))).as("backend's LOGIN7")
          .isNotNegative();
      List<String> leaks = new ArrayList<>();
      leaks.addAll(find("the backend received", backendReceived, ALICE_PASSWORD));
      leaks.addAll(find("the backend sent", backendSent, ALICE_PASSWORD));
      leaks.addAll(find("the client received", clientReceived, ETL_PASSWORD));
      leaks.addAll(find("the client received", clientReceived, ALICE_PASSWORD));
      assertThat(leaks).isEmpty();
      System.out.printf("wire capture: client sent %d bytes, received %d; backend received %d, sent %d; no password"
          + " crossed the gateway%n", clientSent.length, clientReceived.length, backendReceived.length, backendSent.length);
    }
  }

  static java.util.Properties props(String user, String password) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return p;
  }

  /** Where a password shows in a capture: UTF-16LE, TDS-obfuscated, or UTF-8. */
  static List<String> find(String where, byte[] capture, String password) {
    List<String> found = new ArrayList<>();
    Map<String, byte[]> forms = Map.of("UTF-16LE", password.getBytes(StandardCharsets.UTF_16LE),
        "TDS-obfuscated", PasswordObfuscation.obfuscate(password), "UTF-8", password.getBytes(StandardCharsets.UTF_8));
    forms.forEach((form, bytes) -> {
      if (indexOf(capture, bytes) >= 0) {
        found.add(where + " the password " + password + " (" + form + ")");
      }
    });
    return found;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
