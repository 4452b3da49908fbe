package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.config.ConnectionStrings;
import io.tdstls.error.LoginFailedException;
import io.tdstls.msal.MsalTokenProvider;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.server.auth.JwtTokenAuthenticator;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The information-request flow end to end with Microsoft's MSAL4J and a real (local) OAuth2 token
 * service: the client announces an ADAL/MSAL workflow, our server answers FEDAUTHINFO with the
 * local STS URL and the SQL resource, MSAL gets a token from the STS over https, the client sends
 * it in a FEDAUTH_TOKEN message and our server validates the JWT against the STS's published keys.
 * Our client (builder and connection string) and Microsoft's JDBC driver ({@code
 * authentication=ActiveDirectoryServicePrincipal}).
 */
class MsalLoginTest {

  static final String SPN = "https://database.windows.net/";
  static final String CLIENT_ID = "tds-tls-test-client";
  static final String SECRET = "test-client-secret";
  static final String QUERY = "SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID";

  @TempDir
  static Path dir;
  static StsFixture sts;
  static InteropServer server;
  static InteropServer otherAudienceServer;

  @BeforeAll
  static void start() throws Exception {
    sts = StsFixture.start(dir, SPN);
    // each server writes its own CA and trust store: give each its own directory
    server = InteropServer.start(InteropServer.Policy.AVAILABLE, java.nio.file.Files.createDirectories(dir.resolve("main")),
        logins(SPN));
    otherAudienceServer = InteropServer.start(InteropServer.Policy.AVAILABLE,
        java.nio.file.Files.createDirectories(dir.resolve("other")), logins("https://other.example/"));
  }

  private static LoginVerifier logins(String audience) {
    JwtTokenAuthenticator jwt = JwtTokenAuthenticator.builder().issuer(sts.issuer()).audience(audience)
        .jwksFile(sts.jwks).build();
    return LoginVerifier.builder().tokens(jwt).fedAuthInfo(sts.authority(), SPN).build();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {server, otherAudienceServer, sts}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  private static ConnectionConfig.Builder ours(InteropServer s, ClientAuthentication auth) {
    return ConnectionConfig.builder().host("localhost").port(s.port()).authentication(auth)
        .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(s.caPem).build());
  }

  private static Map<String, String> negotiation(TdsSession s) throws Exception {
    Map<String, String> v = new HashMap<>();
    for (List<Object> row : s.execute("SELECT * FROM tdstls.negotiation").firstTable().rows()) {
      v.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
    }
    return v;
  }

  /** MSAL's default HTTP client uses the JVM's default TLS socket factory: trust the local STS there. */
  private static <T> T withStsTrustedByDefault(java.util.concurrent.Callable<T> body) throws Exception {
    SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(sts.socketFactory());
    try {
      return body.call();
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(before);
    }
  }

  @Test
  void ourClientWithMsalClientCredentials() throws Exception {
    MsalTokenProvider msal = MsalTokenProvider.servicePrincipal(CLIENT_ID, SECRET)
        .sslSocketFactory(sts.socketFactory()).build();
    ClientAuthentication auth = ClientAuthentication.federated(FedAuthWorkflow.USERNAME_PASSWORD, msal);
    for (int i = 0; i < 2; i++) { // the second connection is served from MSAL's token cache
      try (TdsSession s = TdsClient.connect(ours(server, auth).build())) {
        assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "SQL");
        assertThat(negotiation(s)).containsEntry("auth_method", "federated (information request)")
            .containsEntry("auth_principal", CLIENT_ID);
      }
    }
  }

  @Test
  void ourClientFromAConnectionStringAloneFindsMsalThroughTheServiceLoader() throws Exception {
    String url = "jdbc:sqlserver://localhost:" + server.port() + ";encrypt=true;trustStore=" + server.trustStore
        + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12;"
        + "authentication=ActiveDirectoryServicePrincipal;user=" + CLIENT_ID + ";password=" + SECRET;
    ConnectionConfig c = ConnectionStrings.parse(url);
    assertThat(c.authentication().tokenProvider().orElseThrow()).isInstanceOf(MsalTokenProvider.class);
    Map<String, String> n = withStsTrustedByDefault(() -> {
      try (TdsSession s = TdsClient.connect(c)) {
        assertThat(s.report().authentication()).isEqualTo("ActiveDirectoryServicePrincipal");
        return negotiation(s);
      }
    });
    assertThat(n).containsEntry("auth_method", "federated (information request)").containsEntry("auth_principal", CLIENT_ID);
  }

  @Test
  void ourClientWithMsalPasswordGrantAgainstAGenericOidcAuthority() throws Exception {
    MsalTokenProvider msal = MsalTokenProvider.usernamePassword(CLIENT_ID, "alice@tds-tls.test", "pw".toCharArray())
        .authorityKind(MsalTokenProvider.AuthorityKind.OIDC).sslSocketFactory(sts.socketFactory()).build();
    try (TdsSession s = TdsClient.connect(ours(server,
        ClientAuthentication.federated(FedAuthWorkflow.USERNAME_PASSWORD, msal)).build())) {
      assertThat(negotiation(s)).containsEntry("auth_principal", "alice@tds-tls.test");
    }
  }

  @Test
  void anMsalTokenForAnotherResourceIsRefusedByTheServer() {
    MsalTokenProvider msal = MsalTokenProvider.servicePrincipal(CLIENT_ID, SECRET)
        .sslSocketFactory(sts.socketFactory()).build();
    assertThatThrownBy(() -> TdsClient.connect(ours(otherAudienceServer,
        ClientAuthentication.federated(FedAuthWorkflow.USERNAME_PASSWORD, msal)).build()).close())
        .isInstanceOf(LoginFailedException.class).hasMessageContaining("18456").hasMessageContaining("audience");
  }

  @Test
  void microsoftJdbcDriverWithActiveDirectoryServicePrincipal() throws Exception {
    String url = "jdbc:sqlserver://localhost:" + server.port() + ";loginTimeout=20;encrypt=true;trustStore="
        + server.trustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12;"
        + "authentication=ActiveDirectoryServicePrincipal";
    List<String> row = withStsTrustedByDefault(() -> {
      try (Connection c = DriverManager.getConnection(url, CLIENT_ID, SECRET)) {
        List<String> v = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(QUERY)) {
          assertThat(rs.next()).isTrue();
          v.add(rs.getString(1));
          v.add(rs.getString(2));
        }
        for (String name : List.of("auth_method", "auth_principal")) {
          try (ResultSet rs = c.createStatement().executeQuery("SELECT value FROM tdstls.negotiation WHERE name = '"
              + name + "'")) {
            assertThat(rs.next()).isTrue();
            v.add(rs.getString(1));
          }
        }
        return v;
      }
    });
    // the server has no SQL passwords here: the driver logged in with MSAL's token
    assertThat(row).containsExactly("TRUE", "SQL", "federated (information request)", CLIENT_ID);
  }
}
