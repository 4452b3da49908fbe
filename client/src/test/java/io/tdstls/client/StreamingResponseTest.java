package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.ResponseStream;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.StreamingSessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server {@link StreamingSessionHandler} that produces a response piece by piece, read by
 * {@link TdsSession#executeStreaming(String, ResponseSink)}, in every mode over loopback.
 */
class StreamingResponseTest {

  @TempDir static Path dir;
  static Pki pki;

  @BeforeAll
  static void generate() {
    pki = new Pki(dir);
  }

  /** Answers {@code STREAM <bytes>} with that many seeded random bytes, in pieces of 50,000. */
  static final class RandomBytesHandler implements StreamingSessionHandler {
    private final SessionHandler delegate;

    RandomBytesHandler(SessionHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) throws TdsException {
      return delegate.login(login7, connection);
    }

    @Override
    public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
      return delegate.request(request, connection);
    }

    @Override
    public ResponseStream stream(TdsMessage request, ConnectionInfo connection) throws TdsException {
      String sql = SqlBatch.decode(request.payload());
      if (!sql.startsWith("STREAM ")) {
        return null;
      }
      long size = Long.parseLong(sql.substring(7));
      Random random = new Random(size);
      return new ResponseStream() {
        long left = size;

        @Override
        public byte[] next() {
          if (left == 0) {
            return null;
          }
          byte[] piece = new byte[(int) Math.min(50_000, left)];
          random.nextBytes(piece);
          left -= piece.length;
          return piece;
        }
      };
    }
  }

  static Supplier<SessionHandler> sessions() {
    Supplier<SessionHandler> diagnostic = LoopbackServer.diagnostic(StrictPolicy.ALLOWED);
    return () -> new RandomBytesHandler(diagnostic.get());
  }

  static byte[] expectedDigest(long size) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    Random random = new Random(size);
    for (long left = size; left > 0; ) {
      byte[] piece = new byte[(int) Math.min(50_000, left)];
      random.nextBytes(piece);
      d.update(piece);
      left -= piece.length;
    }
    return d.digest();
  }

  TdsServer server() throws InterruptedException {
    return LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED, sessions());
  }

  TdsSession connect(TdsServer server, EncryptMode mode) throws TdsException {
    return TdsClient.connect(LoopbackTlsTest.config(server.port(), TlsConfig.builder().caFile(pki.caFile())
        .mode(mode).build()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EncryptMode.class)
  void streamedBytesArriveWholeAndTheSessionStaysUsable(EncryptMode mode) throws Exception {
    long size = 3_000_017;
    try (TdsServer server = server(); TdsSession session = connect(server, mode)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      int[] lastFlags = new int[2];
      long got = session.executeStreaming("STREAM " + size, (payload, last) -> {
        digest.update(payload);
        lastFlags[last ? 1 : 0]++;
      });
      assertThat(got).isEqualTo(size);
      assertThat(digest.digest()).isEqualTo(expectedDigest(size));
      assertThat(lastFlags[1]).as("packets with EOM").isEqualTo(1);
      assertThat(lastFlags[0]).as("packets without EOM").isGreaterThan(0);
      assertThat(session.execute("SELECT @@SPID").firstTable().rows()).hasSize(1);
    }
  }

  @Test
  void aResponseLargerThanTheBufferedLimitStreams() throws Exception {
    long size = TdsSession.MAX_MESSAGE_SIZE + 1_000_000L;
    try (TdsServer server = server(); TdsSession session = connect(server, EncryptMode.STRICT)) {
      long[] packets = {0};
      long got = session.executeStreaming("STREAM " + size, (payload, last) -> packets[0]++);
      assertThat(got).isEqualTo(size);
      assertThat(packets[0]).isGreaterThan(size / 32768);
    }
  }

  @Test
  void aSinkThatThrowsClosesTheSession() throws Exception {
    try (TdsServer server = server(); TdsSession session = connect(server, EncryptMode.MANDATORY)) {
      TdsException stop = new io.tdstls.error.TdsProtocolException("test", "stop", -1);
      assertThatThrownBy(() -> session.executeStreaming("STREAM 1000000", (payload, last) -> {
        throw stop;
      })).isSameAs(stop);
      assertThatThrownBy(() -> session.execute("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void requestsNotStreamedAreAnsweredAsUsual() throws Exception {
    try (TdsServer server = server(); TdsSession session = connect(server, EncryptMode.STRICT)) {
      assertThat(session.execute("SELECT 42").firstTable().rows().get(0).get(0)).isEqualTo(42);
    }
  }
}
