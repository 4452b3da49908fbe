package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.QueryResult;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.LoginFailedException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.server.Authenticator;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federated-authentication tokens against our server: Microsoft's JDBC driver with {@code
 * accessToken}, tedious with {@code azure-active-directory-access-token}, our client with a held
 * token, a per-connection provider and the information-request flow; bad tokens refused clearly.
 */
class FederatedTokenLoginTest {

  static final String STS_URL = "https://sts.tds-tls.test/tenant/oauth2/v2.0/token";
  static final String SPN = "https://database.windows.net/";
  static final String AUTH_QUERY = "SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID";

  @TempDir
  static Path dir;
  static TokenFixture tokens;
  static InteropServer server;

  @BeforeAll
  static void start() throws Exception {
    tokens = new TokenFixture(dir);
    LoginVerifier logins = LoginVerifier.builder()
        .passwords(Authenticator.users(Map.of(InteropServer.USER, InteropServer.PASSWORD)))
        .tokens(tokens.authenticator()).fedAuthInfo(STS_URL, SPN).build();
    server = InteropServer.start(InteropServer.Policy.AVAILABLE, dir, logins);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ConnectionConfig.Builder ours() {
    return ConnectionConfig.builder().host("localhost").port(server.port())
        .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(server.caPem).build());
  }

  private static Map<String, String> negotiation(TdsSession s) throws Exception {
    Map<String, String> v = new java.util.HashMap<>();
    QueryResult r = s.execute("SELECT * FROM tdstls.negotiation");
    for (List<Object> row : r.firstTable().rows()) {
      v.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
    }
    return v;
  }

  @Test
  void ourClientWithAnAccessToken() throws Exception {
    try (TdsSession s = TdsClient.connect(ours().accessToken(tokens.valid()).build())) {
      assertThat(s.report().authentication()).isEqualTo("AccessToken");
      assertThat(s.report().describe()).contains("auth        AccessToken").doesNotContain("eyJ");
      assertThat(s.execute(AUTH_QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "SQL");
      Map<String, String> n = negotiation(s);
      assertThat(n).containsEntry("auth_method", "security token").containsEntry("auth_principal", TokenFixture.USER);
    }
  }

  @Test
  void theProviderIsCalledForEveryConnection() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionConfig c = ours().authentication(ClientAuthentication.tokenProvider(req -> {
      calls.incrementAndGet();
      try {
        return tokens.valid();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    })).build();
    for (int i = 0; i < 2; i++) {
      try (TdsSession s = TdsClient.connect(c)) {
        assertThat(s.report().authentication()).isEqualTo("AccessTokenCallback");
      }
    }
    assertThat(calls).hasValue(2);
  }

  @Test
  void informationRequestAsksTheProviderForTheServersStsAndSpn() throws Exception {
    List<TokenRequest> asked = new ArrayList<>();
    ConnectionConfig c = ours().authentication(ClientAuthentication.federated(FedAuthWorkflow.DEFAULT, req -> {
      asked.add(req);
      try {
        return tokens.valid();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    })).build();
    try (TdsSession s = TdsClient.connect(c)) {
      assertThat(asked).containsExactly(new TokenRequest("localhost", server.port(), STS_URL, SPN));
      assertThat(s.execute(AUTH_QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "SQL");
      assertThat(negotiation(s)).containsEntry("auth_method", "federated (information request)")
          .containsEntry("auth_principal", TokenFixture.USER);
    }
  }

  @Test
  void expiredWrongAudienceAndBadlySignedTokensAreRefusedClearly() throws Exception {
    String[][] cases = {
      {tokens.expired(), "expired"},
      {tokens.wrongAudience(), "audience"},
      {tokens.badlySigned(), "signature"},
      {"not-a-jwt", "not a JWT"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> TdsClient.connect(ours().accessToken(c[0]).build()).close()).as(c[1])
          .isInstanceOf(LoginFailedException.class).hasMessageContaining("18456").hasMessageContaining(c[1]);
    }
  }

  @Test
  void microsoftJdbcDriverWithAccessToken() throws Exception {
    try (Connection c = jdbc(tokens.valid(), "encrypt=true;trustStore=" + server.trustStore + ";trustStorePassword="
        + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12");
        ResultSet rs = c.createStatement().executeQuery(AUTH_QUERY)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("TRUE");
      assertThat(rs.getString(2)).isEqualTo("SQL");
    }
    assertThatThrownBy(() -> jdbc(tokens.expired(), "encrypt=true;trustServerCertificate=true").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("expired");
  }

  @Test
  void microsoftJdbcDriverEncryptsTheWholeSessionForATokenEvenWithEncryptFalse() throws Exception {
    // encrypt=false would mean login-only encryption; with an access token the driver asks for full
    // encryption itself, and the server reports it.
    try (Connection c = jdbc(tokens.valid(), "encrypt=false;trustServerCertificate=true");
        ResultSet rs = c.createStatement().executeQuery(AUTH_QUERY)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("TRUE");
    }
  }

  @Test
  void tediousWithAnAccessToken() throws Exception {
    TediousRunner.requireInstalled();
    Processes.Result ok = TediousRunner.runWithToken(server, tokens.valid(), AUTH_QUERY);
    assertThat(ok.output()).contains("\"ok\":true").contains("[\"TRUE\",\"SQL\"]");
    Processes.Result bad = TediousRunner.runWithToken(server, tokens.wrongAudience(), AUTH_QUERY);
    assertThat(bad.output()).contains("\"ok\":false").contains("audience");
  }

  private static Connection jdbc(String token, String options) throws SQLException {
    Properties p = new Properties();
    p.put("accessToken", token);
    return java.sql.DriverManager.getConnection("jdbc:sqlserver://localhost:" + server.port() + ";loginTimeout=15;"
        + options, p);
  }
}
