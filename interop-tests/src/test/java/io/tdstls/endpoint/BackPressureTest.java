package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.ResponseStream;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.StreamingSessionHandler;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.TlsConfig;
import java.io.IOException;
import java.io.OutputStream;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure: a logged-in client that keeps sending requests and never reads the answers makes
 * the server stop reading from it, so the server's memory stays bounded and other clients keep
 * logging in. Memory is the heap after a full GC plus Netty's direct memory: Netty copies queued
 * answers into direct buffers before writing them, so an unbounded outbound queue shows there.
 */
class BackPressureTest {

  /** Growth allowed for one non-reading client, heap after a full GC plus direct (measured: under 1 MiB). */
  static final long MEMORY_BOUND = 32L << 20;
  /** The most request bytes a non-reading client tries to send (bounded, whatever happens). */
  static final long MAX_REQUEST_BYTES = 256L << 20;

  @Test
  void aClientPipeliningSelectVersionWithoutReadingCostsBoundedMemory() throws Exception {
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build())) {
      pipelineWithoutReading(server, "SELECT @@VERSION");
    }
  }

  @Test
  void aClientNotReadingALargeStreamedResultCostsBoundedMemory() throws Exception {
    try (TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null)
            .sessions(() -> new EndlessStreamHandler(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null)
                .build().sessions().get()))
            .build())) {
      pipelineWithoutReading(server, "STREAM");
    }
  }

  /** Logs a raw client in, pipelines the batch without reading, checks the bound, then other logins. */
  static void pipelineWithoutReading(TdsServer server, String sql) throws Exception {
    try (RawClient greedy = new RawClient(server.port())) {
      assertThat(greedy.login(TdsVersion.V7_4.code())).anyMatch(t -> t instanceof LoginAck);
      long[] before = memory();
      long sent = pipelineUntilBlocked(greedy, RawClient.batch(sql));
      long[] after = memory();
      System.out.printf("non-reading client of %s: %,d request bytes accepted, heap growth after GC %,d bytes,"
          + " direct growth %,d bytes%n", sql, sent, after[0] - before[0], after[1] - before[1]);
      assertThat(sent).as("the server stopped reading before the client sent everything").isLessThan(MAX_REQUEST_BYTES);
      assertThat(after[0] + after[1] - before[0] - before[1]).as("memory growth").isLessThan(MEMORY_BOUND);
      othersStillLogIn(server);
    }
  }

  /**
   * Writes the request again and again from another thread until the writes block (no progress
   * for 10 s: the server stopped reading; a server without back-pressure may stall a few seconds
   * while it answers one read's worth of requests) or {@link #MAX_REQUEST_BYTES} went out; returns
   * the bytes written. The connection must still be open then: a server that closed it would not
   * count. (Without back-pressure this server took all 24 MiB of requests offered in a trial, its
   * heap after GC grew 73 MB and Netty's direct memory 105 MB.)
   */
  static long pipelineUntilBlocked(RawClient client, byte[] request) throws Exception {
    byte[] chunk = new byte[request.length * Math.max(1, 16384 / request.length)];
    for (int off = 0; off + request.length <= chunk.length; off += request.length) {
      System.arraycopy(request, 0, chunk, off, request.length);
    }
    AtomicLong written = new AtomicLong();
    OutputStream out = client.socket.getOutputStream();
    Thread writer = new Thread(() -> {
      try {
        while (written.get() < MAX_REQUEST_BYTES) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        // the socket is closed at the end of the test
      }
    }, "non-reading client");
    writer.setDaemon(true);
    writer.start();
    long last = -1;
    int still = 0;
    for (int i = 0; i < 600 && writer.isAlive() && still < 10; i++) {
      still = written.get() == last ? still + 1 : 0;
      last = written.get();
      Thread.sleep(1000);
    }
    assertThat(client.socket.isClosed()).isFalse();
    if (written.get() < MAX_REQUEST_BYTES) {
      assertThat(writer.isAlive()).as("the client's writes are blocked, not failed (the server did not close)").isTrue();
    }
    return written.get();
  }

  static void othersStillLogIn(TdsServer server) throws TdsException {
    ConnectionConfig config = ConnectionConfig.builder().host("127.0.0.1").port(server.port())
        .user(ServerEndpointTest.USER).password(ServerEndpointTest.PASSWORD.toCharArray())
        .tls(TlsConfig.builder().mode(EncryptMode.OFF).build()).build();
    for (int i = 0; i < 5; i++) {
      try (TdsSession other = TdsClient.connect(config)) {
        assertThat(other.execute("SELECT 7").firstTable().rows()).containsExactly(List.of(7));
      }
    }
  }

  /** The heap in use after a full GC, and the direct memory in use (Netty's own count, and the JDK's). */
  static long[] memory() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long direct = Math.max(0, PlatformDependent.usedDirectMemory());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct += pool.getMemoryUsed();
      }
    }
    return new long[] {heap, direct};
  }

  /** Answers {@code STREAM} with an endless result, produced piece by piece. */
  static final class EndlessStreamHandler implements StreamingSessionHandler {
    private final SessionHandler delegate;

    EndlessStreamHandler(SessionHandler delegate) {
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
      if (!SqlBatch.decode(request.payload()).equals("STREAM")) {
        return null;
      }
      return () -> new byte[64 << 10];
    }
  }
}
