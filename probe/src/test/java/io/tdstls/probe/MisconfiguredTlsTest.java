package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** Our server with its TDS 7.x engines opened up to TLS 1.3, as a misconfigured server would be. */
class MisconfiguredTlsTest {

  @Test
  void tls13InsideTds7WrappingIsAFinding() throws Exception {
    ServerEngineFactory factory = new ServerEngineFactory(ServerTlsConfig.builder()
        .certifiedKey(TestCertificates.SERVER.certifiedKey()).build());
    try (TdsServer server = Endpoint.start(path -> {
      SSLEngine e = factory.newEngine(path);
      if (path == TlsNegotiationMode.POST_PRE_LOGIN) {
        e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      }
      return e;
    }, ServerEncryption.FORCED, ClientCertPolicy.MS_TDS, StrictPolicy.DISABLED)) {
      ProbeReport r = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build()).probe(Endpoint.target(server));

      TlsAttempt tls13 = r.tls7().stream().filter(a -> a.version() == TlsVersion.TLS_1_3).findFirst().orElseThrow();
      assertThat(tls13.status()).isEqualTo(TlsAttemptStatus.ACCEPTED);
      assertThat(tls13.cipherSuite()).startsWith("TLS_AES_").as("a TLS 1.3 suite");
      assertThat(r.findings()).extracting(Finding::id).contains("tls13-in-tds7");
    }
  }
}
