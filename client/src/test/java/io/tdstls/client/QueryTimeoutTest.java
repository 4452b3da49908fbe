package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.config.ConnectionStrings;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsTimeoutException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query timeout: ATTENTION is sent when it runs out; an acknowledged cancel leaves the session
 * usable, an unanswered one closes it; both fail with a typed timeout error.
 */
class QueryTimeoutTest {

  @TempDir static Path dir;
  static Pki pki;

  @BeforeAll
  static void generate() {
    pki = new Pki(dir);
  }

  /** Logs in; then never answers {@code WAITFOR FOREVER}, and answers ATTENTION only if told to. */
  static final class StuckHandler implements SessionHandler {
    private final SessionHandler delegate = LoopbackServer.diagnostic(StrictPolicy.ALLOWED).get();
    private final boolean acknowledgeAttention;
    private final AtomicInteger attentions;

    StuckHandler(boolean acknowledgeAttention, AtomicInteger attentions) {
      this.acknowledgeAttention = acknowledgeAttention;
      this.attentions = attentions;
    }

    @Override
    public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) throws TdsException {
      return delegate.login(login7, connection);
    }

    @Override
    public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
      if (request.type() == PacketType.ATTENTION) {
        attentions.incrementAndGet();
        return acknowledgeAttention ? delegate.request(request, connection) : List.of();
      }
      if (request.type() == PacketType.SQL_BATCH && SqlBatch.decode(request.payload()).equals("WAITFOR FOREVER")) {
        return List.of();
      }
      return delegate.request(request, connection);
    }
  }

  static TdsServer server(boolean acknowledge, AtomicInteger attentions) throws InterruptedException {
    return LoopbackServer.start(pki.serverTls(pki.server), ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED,
        () -> new StuckHandler(acknowledge, attentions));
  }

  static ConnectionConfig config(int port, Duration queryTimeout) {
    return LoopbackTlsTest.config(port, TlsConfig.builder().caFile(pki.caFile()).mode(EncryptMode.MANDATORY).build())
        .toBuilder().queryTimeout(queryTimeout).build();
  }

  @Test
  void anAcknowledgedCancelFailsTheQueryAndKeepsTheSession() throws Exception {
    AtomicInteger attentions = new AtomicInteger();
    try (TdsServer server = server(true, attentions);
        TdsSession session = TdsClient.connect(config(server.port(), Duration.ofMillis(500)))) {
      assertThatThrownBy(() -> session.execute("WAITFOR FOREVER"))
          .isInstanceOf(TdsTimeoutException.class)
          .hasMessageContaining("cancelled (ATTENTION acknowledged)")
          .satisfies(e -> assertThat(((TdsException) e).kind()).isEqualTo(TdsException.Kind.TIMEOUT));
      assertThat(attentions.get()).isEqualTo(1);
      assertThat(session.execute("SELECT 5").firstTable().rows()).containsExactly(List.of(5));
    }
  }

  @Test
  void aServerThatNeverAnswersIsClosedWithATimeoutError() throws Exception {
    AtomicInteger attentions = new AtomicInteger();
    try (TdsServer server = server(false, attentions);
        TdsSession session = TdsClient.connect(config(server.port(), Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> session.execute("WAITFOR FOREVER"))
          .isInstanceOf(TdsTimeoutException.class)
          .hasMessageContaining("did not acknowledge the cancel (ATTENTION)")
          .hasMessageContaining("the connection was closed");
      for (int i = 0; i < 100 && attentions.get() == 0; i++) {
        Thread.sleep(20);
      }
      assertThat(attentions.get()).as("ATTENTION reached the server").isEqualTo(1);
      assertThatThrownBy(() -> session.execute("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void withoutATimeoutNothingIsCancelled() throws Exception {
    AtomicInteger attentions = new AtomicInteger();
    try (TdsServer server = server(true, attentions);
        TdsSession session = TdsClient.connect(config(server.port(), Duration.ZERO))) {
      assertThat(session.execute("SELECT 6").firstTable().rows()).containsExactly(List.of(6));
      assertThat(attentions.get()).isZero();
    }
  }

  @Test
  void theConnectionStringKeySetsIt() {
    assertThat(ConnectionStrings.parse("jdbc:sqlserver://db:1433;queryTimeout=30").queryTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ConnectionStrings.parse("Server=db;Query Timeout=7").queryTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(ConnectionStrings.parse("Server=db").queryTimeout()).isEqualTo(Duration.ZERO);
  }
}
