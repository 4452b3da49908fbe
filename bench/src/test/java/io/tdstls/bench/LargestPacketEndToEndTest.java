package io.tdstls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.bench.connect.LoginMode;
import io.tdstls.bench.connect.TdsConnectors;
import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.bench.fixture.BenchServers;
import io.tdstls.bench.fixture.LargeResultHandler;
import io.tdstls.client.ResponseSink;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.server.TdsServer;
import io.tdstls.server.TlsProvider;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The largest packet sizes end to end, our client against our server over real sockets: 32767 in
 * clear (the server writes the packets straight into its pooled direct buffers) and 16383, the cap
 * with encryption. A streamed result of several MiB arrives in full packets, a result after it and
 * the login's non-streamed answers still frame correctly.
 */
class LargestPacketEndToEndTest {

  @TempDir
  static Path dir;

  @ParameterizedTest(name = "{0} packet size {1}")
  @CsvSource({"NONE, 32767", "FULL, 16383", "STRICT_TLS_13, 16383", "NONE, 4096"})
  void aStreamedResultArrivesInFullPacketsOfTheNegotiatedSize(LoginMode mode, int packetSize) throws Exception {
    BenchPki pki = BenchPki.generate(java.nio.file.Files.createDirectories(dir.resolve(mode.name() + packetSize)));
    try (TdsServer server = BenchServers.start(pki, TlsProvider.JDK, BenchServers.largeResultSessions(), 10)) {
      TdsClient client = new TdsClient(TdsConnectors.config(pki.caPem(), server.port(), mode, packetSize));
      try (TdsSession session = client.connect()) {
        assertThat(session.report().packetSize()).isEqualTo(packetSize);
        long rows = 1000; // 8 MB
        List<Integer> lengths = new ArrayList<>();
        long[] ends = new long[1];
        long got = session.executeStreaming(LargeResultHandler.sql(rows), new ResponseSink() {
          @Override
          public void accept(byte[] payload, boolean last) {
            throw new AssertionError("the in-place variant is used");
          }

          @Override
          public void accept(ByteBuffer payload, boolean last) {
            lengths.add(payload.remaining());
            if (last) {
              ends[0]++;
            }
          }
        });
        assertThat(got).isGreaterThan(rows * LargeResultHandler.ROW_SIZE);
        assertThat(ends[0]).isEqualTo(1);
        assertThat(lengths.subList(0, lengths.size() - 1)).as("every packet but the last is full")
            .allMatch(n -> n == packetSize - 8);
        assertThat(lengths).hasSize((int) ((got + packetSize - 9) / (packetSize - 8)));
        assertThat(session.execute("SELECT 1").firstTable().rows()).hasSize(1);
      }
    }
  }
}
