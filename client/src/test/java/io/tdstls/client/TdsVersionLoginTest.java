package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed 001's {@code tds version}: each of 7.1 to 7.4 logs in and runs a query (row counts, ALL_HEADERS differ). */
class TdsVersionLoginTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "TDS {0}")
  @EnumSource(value = TdsVersion.class, names = {"V7_1", "V7_2", "V7_3A", "V7_3B", "V7_4"})
  void everySelectableVersionLogsInAndQueries(TdsVersion version) throws Exception {
    Pki pki = new Pki(dir);
    try (TdsServer server = LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED);
        TdsSession s = TdsClient.connect(ConnectionConfig.builder().host("localhost").port(server.port())
            .user(LoopbackServer.USER).password(LoopbackServer.PASSWORD.toCharArray()).tdsVersion(version)
            .tls(TlsConfig.builder().mode(EncryptMode.MANDATORY).caFile(pki.caFile()).build()).build())) {
      assertThat(s.report().loginAck().tdsVersion()).contains(version);
      QueryResult r = s.execute("SELECT 1 AS one, N'two' AS two");
      assertThat(r.firstTable().rows()).containsExactly(List.of(1, "two"));
      assertThat(r.rowCounts()).containsExactly(1L);
      String view = s.execute("SELECT * FROM tdstls.negotiation").firstTable().format();
      assertThat(view).contains(String.format("0x%08X", version.code()));
    }
  }
}
