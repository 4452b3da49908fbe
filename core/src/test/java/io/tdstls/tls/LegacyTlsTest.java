package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tdstls.negotiation.TlsInfo;

import io.tdstls.error.TlsHandshakeException;
import io.tdstls.negotiation.TlsNegotiationMode;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.0 and 1.1 with legacy TLS enabled. Runs in its own JVM (surefire execution {@code
 * legacy-tls}) whose {@code jdk.tls.disabledAlgorithms} no longer lists TLSv1 and TLSv1.1: SunJSSE
 * applies that property to every context, so no in-process setting can lift it.
 */
class LegacyTlsTest {

  @TempDir Path dir;
  TestPki pki;
  TlsConfig legacyClient;

  @BeforeEach
  void setUp() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    // This class runs only in the legacy-tls surefire execution, whose JVM allows TLS 1.0/1.1;
    // if that setup breaks, fail rather than skip.
    org.assertj.core.api.Assertions.assertThat(ProtocolVersions.jdkAllowsLegacy(context))
        .as("the legacy-tls execution must run with -Djava.security.properties=legacy-tls.java.security").isTrue();
    pki = new TestPki(dir);
    legacyClient = TlsConfig.builder().caFile(pki.rootPem()).enableLegacyTls(true)
        .minProtocolVersion(TlsVersion.TLS_1_0).build();
  }

  ServerEngineFactory legacyServer(TlsVersion max) {
    return new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(pki.server.certifiedKey())
        .enableLegacyTls(true).minProtocolVersion(TlsVersion.TLS_1_0).maxProtocolVersion(max).build());
  }

  @Test
  void tls11NegotiatedWhenBothSidesEnableLegacyAndAWarningIsLogged() throws Exception {
    ClientEngineFactory client = new ClientEngineFactory(legacyClient);
    EnginePump.Result r = EnginePump.handshake(client.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        legacyServer(TlsVersion.TLS_1_1).newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    assertThat(r.succeeded()).as("%s / %s", r.clientError(), r.serverError()).isTrue();
    try (LogCapture log = new LogCapture()) {
      TlsInfo facts = client.handshakeCompleted(r.client());
      assertThat(facts.protocol()).isEqualTo("TLSv1.1");
      assertThat(facts.isLegacy()).isTrue();
      assertThat(log.warningsContaining("TLSv1.1 negotiated")).isEqualTo(1);
    }
  }

  @Test
  void tls10NegotiatedWithAServerStuckAtTls10() throws Exception {
    EnginePump.Result r = HandshakeTest.handshake(legacyClient, TestPki.HOST, legacyServer(TlsVersion.TLS_1_0),
        TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.succeeded()).as("%s / %s", r.clientError(), r.serverError()).isTrue();
    assertThat(TlsInfo.of(r.client()).protocol()).isEqualTo("TLSv1");
  }

  @Test
  void legacyServerRefusedByAClientWithoutLegacyTls() throws Exception {
    TlsConfig modern = TlsConfig.builder().caFile(pki.rootPem()).build();
    EnginePump.Result r = HandshakeTest.handshake(modern, TestPki.HOST, legacyServer(TlsVersion.TLS_1_1),
        TlsNegotiationMode.POST_PRE_LOGIN);
    assertThat(r.clientError()).isNotNull();
    assertThat(TlsFailures.classify(r.clientError())).isInstanceOf(TlsHandshakeException.class);
  }

  @Test
  void legacyClientStillPrefersTls12AndNoWarningThen() throws Exception {
    ClientEngineFactory client = new ClientEngineFactory(legacyClient);
    EnginePump.Result r = EnginePump.handshake(client.newEngine(TestPki.HOST, 1433, TlsNegotiationMode.POST_PRE_LOGIN),
        HandshakeTest.serverFor(pki.server).newEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    try (LogCapture log = new LogCapture()) {
      assertThat(client.handshakeCompleted(r.client()).protocol()).isEqualTo("TLSv1.2");
      assertThat(log.warningsContaining("negotiated")).isZero();
    }
  }

  @Test
  void strictPathNeverOffersLegacy() {
    ServerEngineFactory server = legacyServer(TlsVersion.TLS_1_3);
    assertThat(server.newEngine(TlsNegotiationMode.STRICT).getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }
}
