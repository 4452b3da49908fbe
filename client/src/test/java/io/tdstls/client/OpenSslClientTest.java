package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.config.ConnectionStrings;
import io.tdstls.client.tls.OpenSslClientEngineFactory;
import io.tdstls.error.CertificateInvalidException;
import io.tdstls.error.HostnameVerificationException;
import io.tdstls.error.TdsConfigException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import io.tdstls.tls.ClientAuth;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client with the OpenSSL (BoringSSL) provider against our server (JDK and OpenSSL server
 * providers): ALPN, SNI, every way of trusting the server, host name verification, TLS versions,
 * client certificates, engine release.
 */
class OpenSslClientTest {

  @TempDir static Path dir;
  static Pki pki;

  @BeforeAll
  static void generate() {
    assertThat(ClientTlsProvider.OPENSSL.isAvailable())
        .as("netty-tcnative-boringssl-static must load here: " + ClientTlsProvider.OPENSSL.unavailabilityReason().orElse(""))
        .isTrue();
    pki = new Pki(dir);
  }

  static TdsServer start(ServerTlsConfig tls, TlsProvider provider) throws InterruptedException {
    return TdsServer.start(ServerConfig.builder()
        .policy(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .sessions(LoopbackServer.diagnostic(StrictPolicy.ALLOWED))
        .tls(tls, provider).build());
  }

  static ConnectionConfig openSsl(int port, TlsConfig tls) {
    return LoopbackTlsTest.config(port, tls).toBuilder().tlsProvider(ClientTlsProvider.OPENSSL).build();
  }

  static TlsConfig.Builder trusting() {
    return TlsConfig.builder().caFile(pki.caFile());
  }

  @ParameterizedTest(name = "server provider {0}")
  @EnumSource(TlsProvider.class)
  void strictOffersAlpnAndSniAndNegotiatesTls13(TlsProvider serverProvider) throws Exception {
    try (TdsServer server = start(pki.serverTls(pki.server), serverProvider);
        TdsSession s = TdsClient.connect(openSsl(server.port(), trusting().mode(EncryptMode.STRICT).build()))) {
      System.out.print(s.report().describe());
      assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
      assertThat(s.report().tlsProvider()).isEqualTo("openssl");
      assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo("TLSv1.3");
      assertThat(s.report().tls().orElseThrow().alpn()).isEqualTo("tds/8.0");
      assertThat(s.report().tls().orElseThrow().sniHostName()).isEqualTo("localhost");
      assertThat(s.report().certificateValidated()).isTrue();
      QueryResult view = s.execute("SELECT * FROM tdstls.negotiation");
      assertThat(view.firstTable().rows()).contains(List.of("alpn", "tds/8.0"), List.of("sni", "localhost"));
    }
  }

  @ParameterizedTest(name = "server provider {0}")
  @EnumSource(TlsProvider.class)
  void tds7xFullEncryptionUsesTls12WithoutAlpn(TlsProvider serverProvider) throws Exception {
    try (TdsServer server = start(pki.serverTls(pki.server), serverProvider);
        TdsSession s = TdsClient.connect(openSsl(server.port(), trusting().build()))) {
      assertThat(s.report().outcome()).isEqualTo(Outcome.FULL);
      assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
      assertThat(s.report().tls().orElseThrow().alpn()).isEmpty();
      assertThat(s.execute("SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID")
          .firstTable().rows()).containsExactly(List.of("TRUE"));
    }
  }

  @Test
  void untrustedCaIsRefused() throws Exception {
    Path other = pki.write("other-ca.pem", pki.otherCa.certificatePem());
    try (TdsServer server = start(pki.serverTls(pki.server), TlsProvider.JDK)) {
      for (EncryptMode mode : new EncryptMode[] {EncryptMode.MANDATORY, EncryptMode.STRICT}) {
        assertThatThrownBy(() -> TdsClient.connect(openSsl(server.port(), TlsConfig.builder().mode(mode).caFile(other).build())))
            .as(mode.label()).isInstanceOf(CertificateInvalidException.class);
      }
    }
  }

  @Test
  void hostNameIsVerifiedAndOverriddenByHostNameInCertificate() throws Exception {
    try (TdsServer server = start(pki.serverTls(pki.wrongHostServer), TlsProvider.OPENSSL)) {
      assertThatThrownBy(() -> TdsClient.connect(openSsl(server.port(), trusting().mode(EncryptMode.STRICT).build())))
          .isInstanceOfSatisfying(HostnameVerificationException.class, e -> {
            assertThat(e.expected()).isEqualTo("localhost");
            assertThat(e.namesInCertificate()).contains("db.example.com");
          });
      try (TdsSession s = TdsClient.connect(openSsl(server.port(),
          trusting().mode(EncryptMode.STRICT).hostNameInCertificate("db.example.com").build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
      }
      try (TdsSession s = TdsClient.connect(openSsl(server.port(), trusting().hostnameVerification(false).build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.FULL);
      }
    }
  }

  @Test
  void trustStoreIsHonoured() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", pki.ca.certificate());
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    try (TdsServer server = start(pki.serverTls(pki.server), TlsProvider.JDK);
        TdsSession s = TdsClient.connect(openSsl(server.port(), TlsConfig.builder().mode(EncryptMode.STRICT)
            .trustStore(file, "PKCS12", "changeit".toCharArray()).build()))) {
      assertThat(s.report().certificateValidated()).isTrue();
      assertThat(s.report().tlsProvider()).isEqualTo("openssl");
    }
  }

  @Test
  void pinnedCertificateMatchesAndMismatches() throws Exception {
    Path pin = pki.write("pinned.pem", pki.server.certificatePem());
    Path wrongPin = pki.write("wrong-pin.pem", pki.wrongHostServer.certificatePem());
    try (TdsServer server = start(pki.serverTls(pki.server), TlsProvider.OPENSSL)) {
      try (TdsSession s = TdsClient.connect(openSsl(server.port(),
          TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificate(pin).build()))) {
        assertThat(s.report().outcome()).isEqualTo(Outcome.STRICT);
      }
      assertThatThrownBy(() -> TdsClient.connect(openSsl(server.port(),
          TlsConfig.builder().mode(EncryptMode.STRICT).serverCertificate(wrongPin).build())))
          .isInstanceOf(CertificateInvalidException.class)
          .hasMessageContaining("pinned");
    }
  }

  @Test
  void tlsVersionRangeIsHonoured() throws Exception {
    ServerTlsConfig tls12Only = ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .maxProtocolVersion(TlsVersion.TLS_1_2).build();
    try (TdsServer server = start(pki.serverTls(pki.server), TlsProvider.JDK)) {
      try (TdsSession s = TdsClient.connect(openSsl(server.port(),
          trusting().mode(EncryptMode.STRICT).maxProtocolVersion(TlsVersion.TLS_1_2).build()))) {
        assertThat(s.report().tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
        assertThat(s.report().tls().orElseThrow().alpn()).isEqualTo("tds/8.0");
      }
    }
    try (TdsServer server = start(tls12Only, TlsProvider.JDK)) {
      assertThatThrownBy(() -> TdsClient.connect(openSsl(server.port(),
          trusting().mode(EncryptMode.STRICT).minProtocolVersion(TlsVersion.TLS_1_3).build())))
          .isInstanceOf(TdsException.class);
    }
  }

  @ParameterizedTest(name = "server provider {0}")
  @EnumSource(TlsProvider.class)
  void clientCertificateIsPresentedOnStrict(TlsProvider serverProvider) throws Exception {
    ServerTlsConfig mtls = ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .clientCertificates(ClientCertificateMode.REQUIRED).addTrustedClientCa(pki.caFile()).build();
    Path goodCert = pki.write("client.pem", pki.client.chainPem());
    Path goodKey = pki.write("client.key", pki.client.privateKeyPkcs8Pem());
    Path badCert = pki.write("intruder.pem", pki.untrustedClient.chainPem());
    Path badKey = pki.write("intruder.key", pki.untrustedClient.privateKeyPkcs8Pem());
    try (TdsServer server = start(mtls, serverProvider)) {
      try (TdsSession s = TdsClient.connect(openSsl(server.port(),
          trusting().mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(goodCert, goodKey, null)).build()))) {
        assertThat(s.execute("SELECT * FROM tdstls.negotiation").firstTable().rows())
            .contains(List.of("client_certificate", "CN=app-client"));
      }
      assertThatThrownBy(() -> TdsClient.connect(openSsl(server.port(),
          trusting().mode(EncryptMode.STRICT).clientAuth(ClientAuth.pem(badCert, badKey, null)).build())))
          .isInstanceOf(TdsException.class);
    }
  }

  @Test
  void enginesAreReleasedWhenSessionsClose() throws Exception {
    TlsConfig tls = trusting().mode(EncryptMode.STRICT).build();
    OpenSslClientEngineFactory engines = (OpenSslClientEngineFactory) EngineCache.get(ClientTlsProvider.OPENSSL, tls);
    try (TdsServer server = start(pki.serverTls(pki.server), TlsProvider.JDK)) {
      TdsClient client = new TdsClient(openSsl(server.port(), tls));
      TdsSession first = client.connect();
      TdsSession second = client.connect();
      assertThat(engines.liveEngines()).as("two open sessions").isEqualTo(2);
      first.close();
      assertThat(engines.liveEngines()).isEqualTo(1);
      second.close();
      second.close();
      assertThat(engines.liveEngines()).isZero();
      Path other = pki.write("other-ca-2.pem", pki.otherCa.certificatePem());
      ConnectionConfig refused = openSsl(server.port(), TlsConfig.builder().mode(EncryptMode.STRICT).caFile(other).build());
      OpenSslClientEngineFactory refusedEngines =
          (OpenSslClientEngineFactory) EngineCache.get(ClientTlsProvider.OPENSSL, refused.tls());
      assertThatThrownBy(() -> TdsClient.connect(refused)).isInstanceOf(CertificateInvalidException.class);
      assertThat(refusedEngines.liveEngines()).as("released after a failed handshake").isZero();
    }
  }

  @Test
  void providerFromConnectionStringsAndBadValues() {
    ConnectionConfig ado = ConnectionStrings.parse("Server=localhost,1433;User Id=a;Password=b;TLS Provider=openssl;"
        + "TLS Session Resumption=false");
    assertThat(ado.tlsProvider()).isEqualTo(ClientTlsProvider.OPENSSL);
    assertThat(ado.tls().sessionResumption()).isFalse();
    ConnectionConfig jdbc = ConnectionStrings.parse("jdbc:sqlserver://localhost:1433;user=a;password=b;tlsProvider=JDK");
    assertThat(jdbc.tlsProvider()).isEqualTo(ClientTlsProvider.JDK);
    assertThat(jdbc.tls().sessionResumption()).isTrue();
    assertThat(ConnectionStrings.parse("Server=localhost;User Id=a;Password=b").tlsProvider())
        .as("default").isEqualTo(ClientTlsProvider.JDK);
    assertThatThrownBy(() -> ConnectionStrings.parse("Server=localhost;User Id=a;Password=b;TLS Provider=gnutls"))
        .isInstanceOf(TdsConfigException.class)
        .hasMessageContaining("jdk, openssl");
  }
}
