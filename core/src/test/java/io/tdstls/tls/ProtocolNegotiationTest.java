package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tdstls.negotiation.TlsInfo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.TlsNegotiationMode;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS versions and ALPN per negotiation path. */
class ProtocolNegotiationTest {

  @TempDir Path dir;
  TestPki pki;
  TlsConfig config;
  ServerEngineFactory server;

  @BeforeEach
  void setUp() throws Exception {
    pki = new TestPki(dir);
    config = TlsConfig.builder().caFile(pki.rootPem()).build();
    server = HandshakeTest.serverFor(pki.server);
  }

  @Test
  void strictNegotiatesTls13AndAlpnTds8() throws Exception {
    EnginePump.Result r = HandshakeTest.handshake(config, TestPki.HOST, server, TlsNegotiationMode.STRICT);
    assertThat(r.succeeded()).isTrue();
    TlsInfo client = TlsInfo.of(r.client());
    assertThat(client.protocol()).isEqualTo("TLSv1.3");
    assertThat(client.alpn()).isEqualTo("tds/8.0");
    assertThat(TlsInfo.of(r.server()).alpn()).isEqualTo("tds/8.0");
  }

  @Test
  void postPreLoginNeverNegotiatesTls13EvenWhenBothSidesAllowIt() throws Exception {
    assertThat(config.maxProtocolVersion()).isEqualTo(TlsVersion.TLS_1_3);
    assertThat(server.config().maxProtocolVersion()).isEqualTo(TlsVersion.TLS_1_3);
    EnginePump.Result r = HandshakeTest.handshake(config, TestPki.HOST, server, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).isTrue();
    assertThat(TlsInfo.of(r.client()).protocol()).isEqualTo("TLSv1.2");
    assertThat(TlsInfo.of(r.client()).alpn()).isEmpty();
    assertThat(r.client().getEnabledProtocols()).doesNotContain("TLSv1.3");
    assertThat(r.server().getEnabledProtocols()).doesNotContain("TLSv1.3");
  }

  @Test
  void postPreLoginClientAgainstAServerOfferingTls13OnlyFails() throws Exception {
    ServerEngineFactory tls13Only = new ServerEngineFactory(ServerTlsConfig.builder()
        .certifiedKey(pki.server.certifiedKey()).minProtocolVersion(TlsVersion.TLS_1_3).build());
    SSLEngine serverEngine = tls13Only.newEngine(TlsNegotiationMode.STRICT);
    SSLEngine clientEngine = new ClientEngineFactory(config).newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN);
    EnginePump.Result r = EnginePump.handshake(clientEngine, serverEngine);
    assertThat(r.succeeded()).isFalse();
    assertThat(TlsFailures.classify(r.clientError() != null ? r.clientError() : r.serverError()))
        .isInstanceOf(TlsHandshakeException.class);
  }

  @Test
  void strictServerAcceptsAClientWithoutAlpn() throws Exception {
    SSLEngine clientEngine = new ClientEngineFactory(config).newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN);
    EnginePump.Result r = EnginePump.handshake(clientEngine, server.newEngine(TlsNegotiationMode.STRICT));
    assertThat(r.succeeded()).isTrue();
    assertThat(TlsInfo.of(r.server()).alpn()).isEmpty();
  }

  @Test
  void configuredCipherSuiteIsUsed() throws Exception {
    String suite = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    TlsConfig restricted = config.toBuilder().cipherSuites(List.of(suite)).build();
    EnginePump.Result r = HandshakeTest.handshake(restricted, TestPki.HOST, server, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).isTrue();
    assertThat(TlsInfo.of(r.client()).cipherSuite()).isEqualTo(suite);
  }

  @Test
  void unknownCipherSuiteIsAConfigError() {
    TlsConfig bad = config.toBuilder().cipherSuites(List.of("TLS_NO_SUCH_SUITE")).build();
    assertThatThrownBy(() -> new ClientEngineFactory(bad))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("TLS_NO_SUCH_SUITE");
  }

  @Test
  void tls13MinimumHasNoVersionLeftOnPostPreLogin() {
    TlsConfig tls13 = config.toBuilder().minProtocolVersion(TlsVersion.TLS_1_3).build();
    ClientEngineFactory factory = new ClientEngineFactory(tls13);
    assertThatThrownBy(() -> factory.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("capped at TLS 1.2");
    assertThat(factory.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.STRICT).getEnabledProtocols())
        .containsExactly("TLSv1.3");
  }

  @Test
  void legacyVersionsAreNotOfferedUnlessEnabled() throws Exception {
    SSLEngine plain = new ClientEngineFactory(config).newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(plain.getEnabledProtocols()).containsExactly("TLSv1.2");
    TlsConfig legacy = config.toBuilder().enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_0).build();
    SSLEngine withLegacy = new ClientEngineFactory(legacy).newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(withLegacy.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.1", "TLSv1");
    SSLEngine strict = new ClientEngineFactory(legacy.toBuilder().mode(EncryptMode.STRICT).build())
        .newEngine(TestPki.HOST, 1433, TlsNegotiationMode.STRICT);
    assertThat(strict.getEnabledProtocols()).as("TDS 8.0 never goes below TLS 1.2").containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void legacyServerIsRefusedByADefaultClient() throws Exception {
    ServerEngineFactory legacyServer = new ServerEngineFactory(ServerTlsConfig.builder()
        .certifiedKey(pki.server.certifiedKey()).enableLegacyTls(true)
        .minProtocolVersion(TlsVersion.TLS_1_0).maxProtocolVersion(TlsVersion.TLS_1_1).build());
    EnginePump.Result r = HandshakeTest.handshake(config, TestPki.HOST, legacyServer, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).isFalse();
    assertThat(TlsFailures.classify(r.clientError() != null ? r.clientError() : r.serverError()))
        .isInstanceOf(TlsHandshakeException.class);
  }

  /**
   * Documents why legacy TLS cannot be re-enabled per context: SunJSSE applies
   * jdk.tls.disabledAlgorithms after any AlgorithmConstraints an application sets. If a future JDK
   * changes that, this test fails and the factory can use a per-context constraint instead.
   */
  @Test
  void aPermissiveAlgorithmConstraintCannotReenableTls10InThisJdk() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    if (ProtocolVersions.jdkAllowsLegacy(context)) {
      return; // this JVM runs with TLS 1.0/1.1 allowed (see LegacyTlsIT); nothing to show
    }
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(true);
    var params = engine.getSSLParameters();
    params.setProtocols(new String[] {"TLSv1"});
    params.setAlgorithmConstraints(new java.security.AlgorithmConstraints() {
      @Override
      public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String a, java.security.AlgorithmParameters ap) {
        return true;
      }

      @Override
      public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, java.security.Key k) {
        return true;
      }

      @Override
      public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String a, java.security.Key k,
          java.security.AlgorithmParameters ap) {
        return true;
      }
    });
    engine.setSSLParameters(params);
    assertThatThrownBy(() -> engine.wrap(java.nio.ByteBuffer.allocate(0), java.nio.ByteBuffer.allocate(1 << 16)))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }
}
