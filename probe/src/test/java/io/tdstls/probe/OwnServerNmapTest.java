package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own server (encryption forced, strict allowed, one port for both paths) scanned by
 * the probe and by nmap's ssl-enum-ciphers: the same suites in the same (server) order, inside TDS
 * 7.x PRELOGIN and TLS first.
 */
class OwnServerNmapTest {

  @TempDir Path dir;

  static List<String> probeOrder(PathScan scan) {
    return scan.suites().stream().map(s -> s.suite().name()).toList();
  }

  @Test
  void suitesAndServerOrderMatchNmapOnBothPaths() throws Exception {
    try (TdsServer server = Endpoint.start(TestCertificates.SERVER, ServerEncryption.FORCED, ClientCertPolicy.MS_TDS,
        StrictPolicy.ALLOWED)) {
      ProbeReport r = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build())
          .probe(new Target("127.0.0.1", server.port()));
      PathScan tds7 = r.scan(ScanPath.TDS7).orElseThrow();
      PathScan strict = r.scan(ScanPath.STRICT).orElseThrow();
      assertThat(tds7.serverPreference()).isEqualTo("server");

      String inTds = Nmap.sslEnumCiphers(server.port(), true, dir);
      assertThat(Nmap.listed(inTds)).as(inTds).isNotEmpty().isEqualTo(probeOrder(tds7));
      String tlsFirst = Nmap.sslEnumCiphers(server.port(), false, dir);
      assertThat(Nmap.listed(tlsFirst)).as(tlsFirst).isNotEmpty().isEqualTo(probeOrder(strict));
    }
  }
}
