package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.TdsException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.TdsGateway;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.server.Authenticator;
import io.tdstls.server.TlsProvider;
import io.tdstls.server.auth.KerberosAcceptor;
import io.tdstls.server.auth.LoginVerifier;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSPI (Kerberos, with a real MIT KDC) and federated-authentication logins through the gateway to
 * our endpoint holding the keytab and the token key: the SSPI messages (0x11) and the FEDAUTH_TOKEN
 * message (0x08) go to the backend, its SSPI tokens and FEDAUTHINFO come back. Each runs through a
 * gateway that relays PRELOGIN (the backend connection opens at the client's PRELOGIN) and one that
 * connects at LOGIN7. A back side that is not fully encrypted refuses to relay such a login.
 */
class GatewayLoginRelayTest {

  static final String USER = "alice";
  static final String USER_PASSWORD = "Alice-Kerberos-1";
  static final String STS_URL = "https://sts.tds-tls.test/tenant/oauth2/v2.0/token";
  static final String SPN = "https://database.windows.net/";
  static final String QUERY = "SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID";

  @TempDir static Path dir;
  static KdcFixture kdc;
  static TokenFixture tokens;
  static InteropServer backend;
  static InteropServer loginOnlyBackend;
  static String spn;
  static Path userKeytab;
  static Path frontCa;
  static Path frontTrustStore;
  static TdsGateway relayed;
  static TdsGateway atLogin7;
  static TdsGateway loginOnly;
  static final List<String> audit = new CopyOnWriteArrayList<>();
  /** The gateway's relay-state transitions (its DEBUG log), to see which login messages crossed it. */
  static final List<String> transitions = new CopyOnWriteArrayList<>();
  static final java.util.logging.Logger GATEWAY_LOG = java.util.logging.Logger.getLogger(TdsGateway.class.getName());

  static void recordTransitions() {
    GATEWAY_LOG.setLevel(java.util.logging.Level.FINE);
    java.util.logging.Handler h = new java.util.logging.Handler() {
      private final java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();

      @Override
      public void publish(java.util.logging.LogRecord r) {
        String m = format.formatMessage(r);
        if (m.startsWith("relay from")) {
          transitions.add(m.substring(m.indexOf(": ") + 2));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    h.setLevel(java.util.logging.Level.ALL);
    GATEWAY_LOG.addHandler(h);
  }

  @BeforeAll
  static void start() throws Exception {
    recordTransitions();
    kdc = KdcFixture.start(dir);
    System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString());
    tokens = new TokenFixture(dir);
    int port = KdcFixture.freeTcpPort();
    spn = "MSSQLSvc/localhost:" + port + "@" + KdcFixture.REALM;
    Path keytab = kdc.servicePrincipal(spn);
    userKeytab = kdc.user(USER, USER_PASSWORD);
    LoginVerifier logins = LoginVerifier.builder()
        .passwords(Authenticator.users(Map.of(InteropServer.USER, InteropServer.PASSWORD)))
        .tokens(tokens.authenticator()).fedAuthInfo(STS_URL, SPN)
        .kerberos(KerberosAcceptor.fromKeytab(spn, keytab)).build();
    backend = InteropServer.start(InteropServer.Policy.FORCED, dir, logins, port);
    loginOnlyBackend = InteropServer.start(InteropServer.Policy.AVAILABLE, dir, logins, 0);

    HeldCertificate ca = HeldCertificate.builder().commonName("gateway front CA").certificateAuthority(0).build();
    HeldCertificate cert = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
        .addIpAddress("127.0.0.1").serverAuth().signedBy(ca).build();
    frontCa = Files.writeString(dir.resolve("gateway-front-ca.pem"), ca.certificatePem());
    frontTrustStore = dir.resolve("gateway-front-trust.p12");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca.certificate());
    try (var out = Files.newOutputStream(frontTrustStore)) {
      ks.store(out, InteropServer.TRUST_STORE_PASSWORD.toCharArray());
    }
    ServerTlsConfig front = ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build();
    relayed = TdsGateway.start(gateway(front, backend, EncryptMode.MANDATORY).build());
    atLogin7 = TdsGateway.start(gateway(front, backend, EncryptMode.MANDATORY).preLoginRelay(false).build());
    loginOnly = TdsGateway.start(gateway(front, loginOnlyBackend, EncryptMode.OPTIONAL).build());
  }

  private static GatewayConfig.Builder gateway(ServerTlsConfig front, InteropServer to, EncryptMode mode) {
    return GatewayConfig.builder().frontTls(front, TlsProvider.JDK).backend("127.0.0.1", to.port())
        .backendTls(TlsConfig.builder().mode(mode).caFile(to.caPem).build()).audit(audit::add);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {relayed, atLogin7, loginOnly, backend, loginOnlyBackend, kdc}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Subject userSubject() throws Exception {
    Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", userKeytab.toString(), "principal",
        USER + "@" + KdcFixture.REALM, "storeKey", "true", "doNotPrompt", "true", "refreshKrb5Config", "true");
    Configuration jaas = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    Subject subject = new Subject();
    new LoginContext("test-client", subject, null, jaas).login();
    return subject;
  }

  private static ConnectionConfig.Builder ours(TdsGateway gateway, EncryptMode mode) {
    return ConnectionConfig.builder().host("localhost").port(gateway.port())
        .tls(TlsConfig.builder().mode(mode).caFile(frontCa).build());
  }

  private static Map<String, String> negotiation(TdsSession s) throws Exception {
    Map<String, String> v = new HashMap<>();
    for (List<Object> row : s.execute("SELECT * FROM tdstls.negotiation").firstTable().rows()) {
      v.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
    }
    return v;
  }

  @Test
  void kerberosThroughTheGatewayReachesTheBackendAsKerberos() throws Exception {
    transitions.clear();
    for (TdsGateway g : new TdsGateway[] {relayed, atLogin7}) {
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.MANDATORY, EncryptMode.STRICT}) {
        String what = (g == relayed ? "PRELOGIN relayed" : "connect at LOGIN7") + ", client " + mode.label();
        // the client names the backend's service principal: the ticket is for the server that holds the keytab
        try (TdsSession s = TdsClient.connect(ours(g, mode)
            .authentication(ClientAuthentication.kerberos(spn, userSubject())).build())) {
          assertThat(s.report().authentication()).as(what).startsWith("Kerberos");
          assertThat(s.execute(QUERY).firstTable().rows().get(0)).as(what).containsExactly("TRUE", "KERBEROS");
          assertThat(negotiation(s)).as(what).containsEntry("auth_method", "SSPI (Kerberos)")
              .containsEntry("auth_principal", USER + "@" + KdcFixture.REALM);
        }
      }
    }
    assertThat(audit).anySatisfy(l -> assertThat(l).contains("\"backend_outcome\":\"logged in (SSPI (Kerberos))\""));
    System.out.println("relay states of the Kerberos logins: " + transitions);
  }

  @Test
  void aSecurityTokenThroughTheGateway() throws Exception {
    for (TdsGateway g : new TdsGateway[] {relayed, atLogin7}) {
      try (TdsSession s = TdsClient.connect(ours(g, EncryptMode.MANDATORY).accessToken(tokens.valid()).build())) {
        assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "SQL");
        Map<String, String> n = negotiation(s);
        assertThat(n).containsEntry("auth_method", "security token").containsEntry("auth_principal", TokenFixture.USER);
        // the client's FEDAUTHREQUIRED reached the backend
        assertThat(n).containsEntry("client_prelogin_fedauthrequired", "true");
      }
    }
    assertThatThrownBy(() -> TdsClient.connect(ours(relayed, EncryptMode.STRICT).accessToken(tokens.expired()).build())
        .close()).isInstanceOf(TdsException.class).hasMessageContaining("18456").hasMessageContaining("expired");
  }

  @Test
  void anInformationRequestThroughTheGatewayGetsTheBackendsFedAuthInfo() throws Exception {
    transitions.clear();
    for (TdsGateway g : new TdsGateway[] {relayed, atLogin7}) {
      List<TokenRequest> asked = new ArrayList<>();
      ConnectionConfig c = ours(g, EncryptMode.STRICT).authentication(ClientAuthentication.federated(
          FedAuthWorkflow.DEFAULT, req -> {
            asked.add(req);
            try {
              return tokens.valid();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          })).build();
      try (TdsSession s = TdsClient.connect(c)) {
        assertThat(asked).containsExactly(new TokenRequest("localhost", g.port(), STS_URL, SPN));
        assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("TRUE", "SQL");
        assertThat(negotiation(s)).containsEntry("auth_method", "federated (information request)")
            .containsEntry("auth_principal", TokenFixture.USER);
      }
    }
    // FEDAUTHINFO went to the client, and its FEDAUTH_TOKEN message to the backend, on both gateways
    assertThat(transitions.stream().filter(t -> t.equals("AWAIT_CLIENT_CONTINUATION -> BACKEND_LOGIN"))).hasSize(2);
    assertThat(transitions).contains("START -> BACKEND_PRELOGIN", "BACKEND_PRELOGIN -> AWAIT_CLIENT_LOGIN7");
  }

  @Test
  void microsoftJdbcDriverWithAnAccessTokenThroughTheGateway() throws Exception {
    Properties p = new Properties();
    p.put("accessToken", tokens.valid());
    String url = "jdbc:sqlserver://localhost:" + relayed.port() + ";loginTimeout=15;encrypt=true;trustStore="
        + frontTrustStore + ";trustStorePassword=" + InteropServer.TRUST_STORE_PASSWORD + ";trustStoreType=PKCS12";
    try (Connection c = DriverManager.getConnection(url, p); ResultSet rs = c.createStatement().executeQuery(QUERY)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("TRUE");
      assertThat(rs.getString(2)).isEqualTo("SQL");
    }
  }

  @Test
  void aLoginOnlyBackSideRefusesToRelayTokenAndSspiLogins() throws Exception {
    assertThatThrownBy(() -> TdsClient.connect(ours(loginOnly, EncryptMode.MANDATORY).accessToken(tokens.valid())
        .build()).close()).isInstanceOf(TdsException.class)
        .hasMessageContaining("does not relay a security token login")
        .hasMessageContaining("--backend-encrypt mandatory or strict");
    assertThatThrownBy(() -> TdsClient.connect(ours(loginOnly, EncryptMode.MANDATORY)
        .authentication(ClientAuthentication.kerberos(spn, userSubject())).build()).close())
        .isInstanceOf(TdsException.class).hasMessageContaining("does not relay a SSPI (Kerberos) login")
        .hasMessageContaining("--backend-encrypt mandatory or strict");
    // a password login still passes that back side (login-only encryption is enough for it)
    try (TdsSession s = TdsClient.connect(ours(loginOnly, EncryptMode.MANDATORY).user(InteropServer.USER)
        .password(InteropServer.PASSWORD.toCharArray()).build())) {
      assertThat(s.execute(QUERY).firstTable().rows().get(0)).containsExactly("FALSE", "SQL");
    }
  }
}
