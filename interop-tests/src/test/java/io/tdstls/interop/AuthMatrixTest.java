package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.error.AuthenticationException;
import io.tdstls.msal.MsalTokenProvider;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.server.Authenticator;
import io.tdstls.server.auth.JwtTokenAuthenticator;
import io.tdstls.server.auth.KerberosAcceptor;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.server.auth.TokenAuthenticator;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server that accepts every login method (SQL password, tokens in LOGIN7, the information
 * request with a local OAuth2 STS, Kerberos with a real MIT KDC), and each driver logging in with
 * each method it has; prints the table of {@code auth_scheme} as the server reports it ({@code
 * SELECT auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID}) and asserts every
 * row.
 */
class AuthMatrixTest {

  static final String QUERY = "SELECT auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID";
  static final String METHOD = "SELECT value FROM tdstls.negotiation WHERE name = 'auth_method'";
  static final String SQL = "SQL password";
  static final String TOKEN = "security token";
  static final String INFO = "federated (information request)";
  static final String SSPI = "SSPI (Kerberos)";
  static final String SPN = TokenFixture.AUDIENCE;
  static final String CLIENT_ID = "tds-tls-test-client";
  static final String SECRET = "test-client-secret";
  static final String USER = "alice";
  static final String USER_PASSWORD = "Alice-Kerberos-1";

  @TempDir
  static Path dir;
  static KdcFixture kdc;
  static TokenFixture tokens;
  static StsFixture sts;
  static InteropServer server;
  static String kerberosSpn;
  static Path userKeytab;

  @BeforeAll
  static void start() throws Exception {
    kdc = KdcFixture.start(dir);
    System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString());
    int port = KdcFixture.freeTcpPort();
    kerberosSpn = "MSSQLSvc/localhost:" + port + "@" + KdcFixture.REALM;
    Path serviceKeytab = kdc.servicePrincipal(kerberosSpn);
    userKeytab = kdc.user(USER, USER_PASSWORD);
    tokens = new TokenFixture(dir);
    sts = StsFixture.start(dir, SPN);
    JwtTokenAuthenticator fromSts = JwtTokenAuthenticator.builder().issuer(sts.issuer()).audience(SPN)
        .jwksFile(sts.jwks).build();
    JwtTokenAuthenticator fromFixture = tokens.authenticator();
    TokenAuthenticator either = token -> {
      try {
        return fromFixture.authenticate(token);
      } catch (AuthenticationException e) {
        return fromSts.authenticate(token);
      }
    };
    LoginVerifier logins = LoginVerifier.builder()
        .passwords(Authenticator.users(Map.of(InteropServer.USER, InteropServer.PASSWORD)))
        .tokens(either).fedAuthInfo(sts.authority(), SPN)
        .kerberos(KerberosAcceptor.fromKeytab(kerberosSpn, serviceKeytab)).build();
    server = InteropServer.start(InteropServer.Policy.AVAILABLE, dir, logins, port);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {server, sts, kdc}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** One login: what the driver was asked to do, and what the server reports (auth_scheme | auth_method). */
  record Row(String driver, String method, String expected, String reported) {}

  private final List<Row> rows = new ArrayList<>();

  private void row(String driver, String method, String scheme, String serverMethod, Callable<String> login) {
    String reported;
    try {
      reported = login.call();
    } catch (Throwable e) {
      reported = "FAILED: " + e;
    }
    rows.add(new Row(driver, method, scheme + " | " + serverMethod, reported));
  }

  @Test
  void everyDriverInEveryMethodWithAuthSchemeAsTheServerReportsIt() throws Exception {
    TsqlRunner.requireInstalled();
    TediousRunner.requireInstalled();
    PyodbcRunner.requireInstalled();
    row("tds-tls client", "SQL password", "SQL", SQL, () -> ours(ConnectionConfig.builder()
        .user(InteropServer.USER).password(InteropServer.PASSWORD.toCharArray())));
    row("tds-tls client", "access token in LOGIN7 (SECURITYTOKEN)", "SQL", TOKEN,
        () -> ours(ConnectionConfig.builder().accessToken(tokens.valid())));
    row("tds-tls client", "token provider callback (SECURITYTOKEN)", "SQL", TOKEN, () -> ours(ConnectionConfig.builder()
        .authentication(ClientAuthentication.tokenProvider(r -> valid()))));
    row("tds-tls client", "information request, callback (FEDAUTHINFO -> FEDAUTH_TOKEN)", "SQL", INFO,
        () -> ours(ConnectionConfig.builder().authentication(ClientAuthentication.federated(FedAuthWorkflow.DEFAULT,
            r -> valid()))));
    row("tds-tls client", "information request, MSAL4J client credentials", "SQL", INFO,
        () -> ours(ConnectionConfig.builder().authentication(ClientAuthentication.federated(
            FedAuthWorkflow.USERNAME_PASSWORD, MsalTokenProvider.servicePrincipal(CLIENT_ID, SECRET)
                .sslSocketFactory(sts.socketFactory()).build()))));
    row("tds-tls client", "Kerberos (SPNEGO, JAAS keytab subject)", "KERBEROS", SSPI, () -> ours(ConnectionConfig.builder()
        .authentication(ClientAuthentication.kerberos(kerberosSpn, userSubject()))));
    String jdbc = "jdbc:sqlserver://localhost:" + server.port() + ";loginTimeout=20;encrypt=true;trustStore="
        + server.trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12";
    row("mssql-jdbc 13.6.2", "SQL password", "SQL", SQL, () -> jdbc(jdbc, InteropServer.USER, InteropServer.PASSWORD));
    row("mssql-jdbc 13.6.2", "accessToken", "SQL", TOKEN, () -> {
      java.util.Properties p = new java.util.Properties();
      p.put("accessToken", tokens.valid());
      try (Connection c = DriverManager.getConnection(jdbc, p)) {
        return jdbcFacts(c);
      }
    });
    row("mssql-jdbc 13.6.2", "authentication=ActiveDirectoryServicePrincipal (its MSAL4J)", "SQL", INFO,
        () -> withStsTrustedByDefault(() -> jdbc(jdbc + ";authentication=ActiveDirectoryServicePrincipal", CLIENT_ID,
            SECRET)));
    row("mssql-jdbc 13.6.2", "integratedSecurity=true;authenticationScheme=JavaKerberos", "KERBEROS", SSPI, () -> {
      Configuration before = Configuration.getConfiguration();
      Configuration.setConfiguration(userJaas());
      try {
        return jdbc(jdbc + ";integratedSecurity=true;authenticationScheme=JavaKerberos;serverSpn=" + kerberosSpn,
            USER + "@" + KdcFixture.REALM, USER_PASSWORD);
      } finally {
        Configuration.setConfiguration(before);
      }
    });
    row("tedious 19", "default (SQL password)", "SQL", SQL, () -> tedious("\"user\":\"" + InteropServer.USER
        + "\",\"password\":\"" + InteropServer.PASSWORD + "\""));
    row("tedious 19", "azure-active-directory-access-token", "SQL", TOKEN, () -> tedious("\"token\":\"" + tokens.valid() + "\""));
    row("FreeTDS tsql", "SQL password", "SQL", SQL, () -> tsql(List.of("-U", InteropServer.USER, "-P", InteropServer.PASSWORD)));
    row("FreeTDS tsql", "Kerberos (kinit ticket)", "KERBEROS", SSPI, () -> {
      kdc.kinit(USER + "@" + KdcFixture.REALM, userKeytab);
      return tsql(List.of());
    });
    row("pyodbc + FreeTDS ODBC", "SQL password", "SQL", SQL, () -> pyodbc(QUERY) + " | " + pyodbc(METHOD));

    StringBuilder table = new StringBuilder("\n| driver | login method | auth_scheme | auth_method (tdstls.negotiation)"
        + " |\n|---|---|---|---|\n");
    for (Row r : rows) {
      table.append("| ").append(r.driver()).append(" | ").append(r.method()).append(" | ").append(r.reported())
          .append(" |\n");
    }
    System.out.println(table);
    for (Row r : rows) {
      assertThat(r.reported()).as(r.driver() + " / " + r.method() + table).isEqualTo(r.expected());
    }
  }

  private String valid() {
    try {
      return tokens.valid();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String ours(ConnectionConfig.Builder b) throws Exception {
    ConnectionConfig c = b.host("localhost").port(server.port())
        .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(server.caPem).build()).build();
    try (TdsSession s = TdsClient.connect(c)) {
      return s.execute(QUERY).firstTable().rows().get(0).get(0) + " | "
          + s.execute(METHOD).firstTable().rows().get(0).get(0);
    }
  }

  private static String jdbc(String url, String user, String password) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      return jdbcFacts(c);
    }
  }

  private static String jdbcFacts(Connection c) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String q : List.of(QUERY, METHOD)) {
      try (ResultSet rs = c.createStatement().executeQuery(q)) {
        b.append(b.length() == 0 ? "" : " | ").append(rs.next() ? rs.getString(1) : "no row");
      }
    }
    return b.toString();
  }

  /** pyodbc's script prints the first column of its verification query as {@code encrypt_option=}. */
  private static String pyodbc(String query) throws Exception {
    Processes.Result r = Processes.run(List.of(PyodbcRunner.PYTHON.toString(), PyodbcRunner.SCRIPT.toString(),
        String.valueOf(server.port()), InteropServer.USER, InteropServer.PASSWORD, "require", query), null, null,
        Map.of());
    Matcher m = Pattern.compile("(?m)^encrypt_option=(.*)$").matcher(r.output());
    return m.find() ? m.group(1).trim() : "FAILED: " + r.output();
  }

  private static String tedious(String credentials) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String q : List.of(QUERY, METHOD)) {
      String config = "{\"host\":\"localhost\",\"port\":" + server.port() + ",\"encrypt\":true,\"ca\":\""
          + server.caPem + "\"," + credentials + ",\"query\":\"" + q + "\"}";
      Processes.Result r = Processes.run(List.of("node", "run-query.js", config), null, TediousRunner.NODE_DIR, Map.of());
      Matcher m = Pattern.compile("\"rows\":\\[\\[\"([^\"]+)\"").matcher(r.output());
      b.append(b.length() == 0 ? "" : " | ").append(m.find() ? m.group(1) : "FAILED: " + r.output());
    }
    return b.toString();
  }

  private static String tsql(List<String> credentials) throws Exception {
    Path conf = Files.writeString(dir.resolve("freetds-matrix.conf"), "[global]\n\ttds version = 7.4\n\n[target]\n"
        + "\thost = localhost\n\tport = " + server.port() + "\n\tencryption = require\n");
    Map<String, String> env = new HashMap<>(kdc.env);
    env.put("FREETDSCONF", conf.toString());
    List<String> cmd = new ArrayList<>(List.of("tsql", "-S", "target"));
    cmd.addAll(credentials);
    Processes.Result r = Processes.run(cmd, QUERY + "\ngo\n" + METHOD + "\ngo\nexit\n", dir, env);
    Matcher scheme = Pattern.compile("(?m)^(SQL|KERBEROS|NTLM)\\s*$").matcher(r.output());
    Matcher method = Pattern.compile("(?m)^(" + SQL + "|" + Pattern.quote(SSPI) + "|" + TOKEN + ")\\s*$")
        .matcher(r.output());
    return scheme.find() && method.find() ? scheme.group(1) + " | " + method.group(1) : "FAILED: " + r.output();
  }

  private static <T> T withStsTrustedByDefault(Callable<T> body) throws Exception {
    SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(sts.socketFactory());
    try {
      return body.call();
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(before);
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
    new LoginContext("matrix-client", subject, null, userJaas()).login();
    return subject;
  }
}
