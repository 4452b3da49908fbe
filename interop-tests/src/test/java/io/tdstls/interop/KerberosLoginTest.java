package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.LoginFailedException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.server.Authenticator;
import io.tdstls.server.auth.KerberosAcceptor;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPNEGO/Kerberos logins against our server, with a real MIT KDC started for the test: our client
 * (JDK GSS-API), Microsoft's JDBC driver ({@code integratedSecurity=true;authenticationScheme=
 * JavaKerberos}) and FreeTDS tsql with a ticket from kinit. A wrong service principal and a stale
 * keytab fail clearly.
 */
class KerberosLoginTest {

  static final String USER = "alice";
  static final String USER_PASSWORD = "Alice-Kerberos-1";
  static final String QUERY = "SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID";

  @TempDir
  static Path dir;
  static KdcFixture kdc;
  static InteropServer server;
  static InteropServer staleKeytabServer;
  static String spn;
  static Path userKeytab;

  @BeforeAll
  static void start() throws Exception {
    kdc = KdcFixture.start(dir);
    System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString());
    int port = KdcFixture.freeTcpPort();
    spn = "MSSQLSvc/localhost:" + port + "@" + KdcFixture.REALM;
    Path stale = kdc.servicePrincipal(spn);
    Path staleCopy = Files.copy(stale, dir.resolve("stale.keytab"), StandardCopyOption.REPLACE_EXISTING);
    Path current = kdc.servicePrincipalRekeyed(spn); // ktadd again: a new key, so the first keytab is stale
    userKeytab = kdc.user(USER, USER_PASSWORD);
    server = InteropServer.start(InteropServer.Policy.AVAILABLE, dir, logins(current), port);
    staleKeytabServer = InteropServer.start(InteropServer.Policy.AVAILABLE, dir, logins(staleCopy), 0);
  }

  private static LoginVerifier logins(Path keytab) {
    return LoginVerifier.builder().passwords(Authenticator.users(Map.of(InteropServer.USER, InteropServer.PASSWORD)))
        .kerberos(KerberosAcceptor.fromKeytab(spn, keytab)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {server, staleKeytabServer, kdc}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Configuration userJaas() {
    Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", userKeytab.toString(), "principal",
        USER + "@" + KdcFixture.REALM, "storeKey", "true", "doNotPrompt", "true", "refreshKrb5Config", "true");
    return new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
  }

  private static Subject userSubject() throws Exception {
    Subject subject = new Subject();
    new LoginContext("test-client", subject, null, userJaas()).login();
    return subject;
  }

  private static ConnectionConfig.Builder ours(int port, ClientAuthentication auth) {
    return ConnectionConfig.builder().host("localhost").port(port).authentication(auth)
        .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(server.caPem).hostNameInCertificate("localhost")
            .build());
  }

  private static Map<String, String> negotiation(TdsSession s) throws Exception {
    Map<String, String> v = new HashMap<>();
    for (List<Object> row : s.execute("SELECT * FROM tdstls.negotiation").firstTable().rows()) {
      v.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
    }
    return v;
  }

  @Test
  void ourClientLogsInWithKerberos() throws Exception {
    try (TdsSession s = TdsClient.connect(ours(server.port(), ClientAuthentication.kerberos(null, userSubject())).build())) {
      assertThat(s.report().authentication()).isEqualTo("Kerberos");
      assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "KERBEROS");
      assertThat(negotiation(s)).containsEntry("auth_method", "SSPI (Kerberos)")
          .containsEntry("auth_principal", USER + "@" + KdcFixture.REALM);
    }
  }

  @Test
  void microsoftJdbcDriverWithJavaKerberos() throws Exception {
    String url = "jdbc:sqlserver://localhost:" + server.port() + ";loginTimeout=15;encrypt=true;trustStore="
        + server.trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12;"
        + "integratedSecurity=true;authenticationScheme=JavaKerberos;serverSpn=" + spn;
    // The driver logs in through the JAAS entry SQLJDBCDriver (here: alice's keytab).
    Configuration before = Configuration.getConfiguration();
    Configuration.setConfiguration(userJaas());
    try (Connection c = DriverManager.getConnection(url, USER + "@" + KdcFixture.REALM, USER_PASSWORD);
        ResultSet rs = c.createStatement().executeQuery(QUERY)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("TRUE");
      assertThat(rs.getString(2)).isEqualTo("KERBEROS");
    } finally {
      Configuration.setConfiguration(before);
    }
  }

  @Test
  void freeTdsTsqlWithAKinitTicket() throws Exception {
    TsqlRunner.requireInstalled();
    kdc.kinit(USER + "@" + KdcFixture.REALM, userKeytab);
    Path conf = Files.writeString(dir.resolve("freetds-kerberos.conf"), "[global]\n\ttds version = 7.4\n\n[target]\n"
        + "\thost = localhost\n\tport = " + server.port() + "\n\tencryption = require\n");
    Map<String, String> env = new HashMap<>(kdc.env);
    env.put("FREETDSCONF", conf.toString());
    Processes.Result r = Processes.run(List.of("tsql", "-S", "target"), QUERY + "\ngo\nexit\n", dir, env);
    assertThat(r.output()).as(r.output()).contains("KERBEROS");
  }

  /** A subject logged in from a ticket cache only (no keys), as after kinit. */
  private static Subject ticketCacheSubject(Path cache) throws Exception {
    Map<String, String> options = Map.of("useTicketCache", "true", "ticketCache", cache.toString(), "doNotPrompt",
        "true", "renewTGT", "false", "refreshKrb5Config", "true");
    Configuration jaas = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    Subject subject = new Subject();
    new LoginContext("test-client-cache", subject, null, jaas).login();
    return subject;
  }

  @Test
  void anExpiredTicketFailsClearlyInOurClientAndInTsql() throws Exception {
    Path cache = kdc.kinitShortLived(USER + "@" + KdcFixture.REALM, userKeytab, 15, "short-ccache");
    Subject alice = ticketCacheSubject(cache);
    java.time.Instant end = alice.getPrivateCredentials(javax.security.auth.kerberos.KerberosTicket.class).stream()
        .filter(t -> t.getServer().getName().startsWith("krbtgt/")).findFirst().orElseThrow().getEndTime().toInstant();
    assertThat(end).isBefore(java.time.Instant.now().plusSeconds(16));
    // While the ticket is valid the same subject logs in...
    try (TdsSession s = TdsClient.connect(ours(server.port(), ClientAuthentication.kerberos(spn, alice)).build())) {
      assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "KERBEROS");
    }
    long wait = java.time.Duration.between(java.time.Instant.now(), end).toMillis() + 1500;
    Thread.sleep(Math.max(0, wait));
    // ...and once it has expired the client says so, before LOGIN7.
    assertThatThrownBy(() -> TdsClient.connect(ours(server.port(), ClientAuthentication.kerberos(spn, alice)).build())
        .close()).isInstanceOf(AuthenticationException.class).hasMessageContaining("expired at")
        .hasMessageContaining(USER + "@" + KdcFixture.REALM);
    // FreeTDS with the same (now expired) credential cache fails too; it tells only "connection failed"
    // on its console, and the Kerberos error code in its TDSDUMP log.
    TsqlRunner.requireInstalled();
    Path conf = Files.writeString(dir.resolve("freetds-expired.conf"), "[global]\n\ttds version = 7.4\n\n[target]\n"
        + "\thost = localhost\n\tport = " + server.port() + "\n\tencryption = require\n");
    Map<String, String> env = new HashMap<>(kdc.env);
    env.put("FREETDSCONF", conf.toString());
    env.put("KRB5CCNAME", "FILE:" + cache);
    Path dump = dir.resolve("tdsdump-expired.log");
    env.put("TDSDUMP", dump.toString());
    Processes.Result r = Processes.run(List.of("tsql", "-S", "target"), QUERY + "\ngo\nexit\n", dir, env);
    assertThat(r.output()).as(r.output()).doesNotContain("KERBEROS").contains("connection failed");
    String gss = Files.readAllLines(dump).stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("gss"))
        .collect(java.util.stream.Collectors.joining("\n"));
    System.out.println("tsql with an expired ticket, TDSDUMP lines about GSS-API:\n" + gss);
    // FreeTDS cannot name MIT's minor status; -1765328352 is KRB5KRB_AP_ERR_TKT_EXPIRED ("Ticket expired").
    assertThat(gss).as(gss).contains("GSS_S_FAILURE").contains("-1765328352");
  }

  @Test
  void aWrongServicePrincipalFailsOnTheClientBeforeLogin7() throws Exception {
    Subject alice = userSubject();
    assertThatThrownBy(() -> TdsClient.connect(ours(server.port(),
        ClientAuthentication.kerberos("MSSQLSvc/nosuch.example:1@" + KdcFixture.REALM, alice)).build()).close())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("MSSQLSvc/nosuch.example:1")
        .hasMessageContaining("Kerberos login");
  }

  @Test
  void aStaleServerKeytabRefusesTheTicketWith18452() throws Exception {
    ClientAuthentication auth = ClientAuthentication.kerberos(spn, userSubject());
    assertThatThrownBy(() -> TdsClient.connect(ours(staleKeytabServer.port(), auth)
        .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(staleKeytabServer.caPem).build()).build()).close())
        .isInstanceOf(LoginFailedException.class).hasMessageContaining("18452")
        .hasMessageContaining("Kerberos ticket refused");
  }
}
