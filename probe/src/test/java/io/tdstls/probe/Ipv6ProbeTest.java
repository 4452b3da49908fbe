package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ServerConfig;
import io.tdstls.server.TdsServer;
import io.tdstls.server.diagnostic.DiagnosticSessionHandler;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A target written as {@code [::1]:PORT}, probed over IPv6 loopback. */
class Ipv6ProbeTest {

  @Test
  void probesAnIpv6Target() throws Exception {
    ServerEngineFactory engines = new ServerEngineFactory(ServerTlsConfig.builder()
        .certifiedKey(TestCertificates.SERVER.certifiedKey()).build());
    ServerConfig config = ServerConfig.builder().host("::1")
        .policy(new ServerPolicy(ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.ALLOWED))
        .sessions(DiagnosticSessionHandler.factory(Authenticator.users(Map.of("app", "pw")), StrictPolicy.ALLOWED, "v6"))
        .engines(engines::newEngine).build();
    try (TdsServer server = TdsServer.start(config)) {
      Target target = Target.parse("[::1]:" + server.port());
      ProbeReport r = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build()).probe(target);

      assertThat(r.target().host()).isEqualTo("::1");
      assertThat(r.posture()).isEqualTo(EncryptionPosture.ENCRYPTION_FORCED);
      assertThat(r.strict().support()).isEqualTo(StrictSupport.SUPPORTED);
      // the test certificate names localhost and 127.0.0.1, not ::1
      assertThat(r.certificateFacts().orElseThrow().hostnameMatches()).isFalse();
      assertThat(r.findings()).extracting(Finding::id).contains("hostname-mismatch");
    }
  }
}
