package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.TlsNegotiationMode;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parameters of client engines, and the reuse of one context. */
class ClientEngineFactoryTest {

  @TempDir Path dir;
  TestPki pki;
  ClientEngineFactory factory;

  @BeforeEach
  void setUp() throws Exception {
    pki = new TestPki(dir);
    factory = new ClientEngineFactory(TlsConfig.builder().caFile(pki.rootPem()).build());
  }

  static List<String> sni(SSLEngine engine) {
    return engine.getSSLParameters().getServerNames().stream().map(n -> ((SNIHostName) n).getAsciiName()).toList();
  }

  @Test
  void sniIsTheHostExceptForIpLiteralsAndNamesSniCannotCarry() {
    assertThat(sni(factory.newEngine("db.example.com", 1433, TlsNegotiationMode.STRICT))).containsExactly("db.example.com");
    assertThat(sni(factory.newEngine("db.example.com.", 1433, TlsNegotiationMode.STRICT))).containsExactly("db.example.com");
    assertThat(sni(factory.newEngine("localhost", 1433, TlsNegotiationMode.STRICT))).containsExactly("localhost");
    assertThat(sni(factory.newEngine("192.0.2.1", 1433, TlsNegotiationMode.STRICT))).isEmpty();
    assertThat(sni(factory.newEngine("2001:db8::1", 1433, TlsNegotiationMode.STRICT))).isEmpty();
    assertThat(sni(factory.newEngine("sql_server.corp", 1433, TlsNegotiationMode.STRICT))).isEmpty();
  }

  @Test
  void theSniOfAHostIsTheSameOnEveryConnection() {
    for (int round = 0; round < 2; round++) {
      assertThat(sni(factory.newEngine("db.example.com", 1433, TlsNegotiationMode.STRICT))).containsExactly("db.example.com");
      assertThat(sni(factory.newEngine("192.0.2.1", 1433, TlsNegotiationMode.STRICT))).isEmpty();
      assertThat(sni(factory.newEngine("sql_server.corp", 1433, TlsNegotiationMode.STRICT))).isEmpty();
      assertThat(sni(factory.newEngine("10.0.0.7", 1433, TlsNegotiationMode.STRICT))).isEmpty();
    }
  }

  @Test
  void engineIsAClientWithItsOwnEndpointCheckAndAlpnOnStrictOnly() {
    SSLEngine strict = factory.newEngine("db.example.com", 1433, TlsNegotiationMode.STRICT);
    SSLEngine preLogin = factory.newEngine("db.example.com", 1433, TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(strict.getUseClientMode()).isTrue();
    assertThat(strict.getPeerHost()).isEqualTo("db.example.com");
    assertThat(strict.getPeerPort()).isEqualTo(1433);
    SSLParameters p = strict.getSSLParameters();
    assertThat(p.getEndpointIdentificationAlgorithm()).isNull();
    assertThat(p.getApplicationProtocols()).containsExactly("tds/8.0");
    assertThat(preLogin.getSSLParameters().getApplicationProtocols()).isEmpty();
    assertThat(strict.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(preLogin.getEnabledProtocols()).containsExactly("TLSv1.2");
  }

  @Test
  void theContextIsReusedSoASecondConnectionResumesTheSession() {
    ServerEngineFactory server = HandshakeTest.serverFor(pki.server);
    EnginePump.Result first = EnginePump.handshake(factory.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        server.newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    EnginePump.Result second = EnginePump.handshake(factory.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        server.newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    assertThat(first.succeeded()).isTrue();
    assertThat(second.succeeded()).isTrue();
    assertThat(second.client().getSession().getId()).isEqualTo(first.client().getSession().getId());
    EnginePump.Result otherFactory = EnginePump.handshake(
        new ClientEngineFactory(factory.config()).newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        server.newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    assertThat(otherFactory.client().getSession().getId()).isNotEqualTo(first.client().getSession().getId());
  }

  @Test
  void optionalModeValidatesALoginOnlySessionOnlyWhenTrustWasConfigured() throws Exception {
    TlsConfig noTrust = TlsConfig.builder().mode(io.tdstls.negotiation.EncryptMode.OPTIONAL).build();
    assertThat(noTrust.trustConfigured()).isFalse();
    ClientEngineFactory optional = new ClientEngineFactory(noTrust);
    assertThat(optional.validates(true)).isFalse();
    assertThat(optional.validates(false)).isTrue();
    try (LogCapture log = new LogCapture()) {
      optional.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN, true);
      assertThat(log.warningsContaining("certificate not validated (optional mode)")).isEqualTo(1);
      optional.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN, false);
      assertThat(log.warningsContaining("not validated")).isEqualTo(1);
    }
    TlsConfig pinned = noTrust.toBuilder().serverCertificateSha256(new byte[32]).build();
    assertThat(pinned.trustConfigured()).isTrue();
    assertThat(new ClientEngineFactory(pinned).validates(true)).isTrue();
    assertThat(new ClientEngineFactory(noTrust.toBuilder().caFile(pki.rootPem()).build()).validates(true)).isTrue();
    assertThat(new ClientEngineFactory(TlsConfig.builder().build()).validates(true)).as("mandatory").isTrue();
  }
}
