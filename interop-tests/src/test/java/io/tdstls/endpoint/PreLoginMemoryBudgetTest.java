package io.tdstls.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import io.tdstls.tls.ServerEngineFactory;
import io.tdstls.tls.ServerTlsConfig;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's second finding: before login, a connection could buffer a whole message of up to the
 * maximum message size (4 MiB), so 100 anonymous peers held hundreds of MiB. Now an unauthenticated
 * connection buffers at most the pre-login limit, and all of them together at most the server's
 * pre-login budget; beyond either, the connection is closed with a logged reason.
 */
class PreLoginMemoryBudgetTest {

  private static final int CONNECTIONS = 100;
  private static final int BYTES_PER_CONNECTION = 1 << 20;

  /** PRELOGIN packets of 4096 bytes without EOM: a message that never ends. */
  static byte[] endlessPrelogin(int bytes) {
    byte[] wire = new byte[bytes];
    for (int at = 0; at + 4096 <= bytes; at += 4096) {
      wire[at] = 0x12;
      wire[at + 1] = 0x00; // no EOM
      wire[at + 2] = 0x10;
      wire[at + 3] = 0x00;
      Arrays.fill(wire, at + 8, at + 4096, (byte) 0x5A);
    }
    return wire;
  }

  static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Writes until done or the server closes; returns whether the server closed the connection. */
  static boolean sendUntilClosed(Socket s, byte[] wire) {
    try {
      OutputStream out = s.getOutputStream();
      for (int at = 0; at < wire.length; at += 4096) {
        out.write(wire, at, Math.min(4096, wire.length - at));
      }
      out.flush();
      return false;
    } catch (IOException e) {
      return true; // reset or broken pipe: the server closed it
    }
  }

  @Test
  void hundredUnauthenticatedConnectionsSendingAMebibyteEachLeaveTheHeapWithinTheBudget() throws Exception {
    byte[] wire = endlessPrelogin(BYTES_PER_CONNECTION);
    List<Socket> sockets = new ArrayList<>();
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.NOT_SUPPORTED, null).build())) {
      assertThat(server.config().preLoginBufferLimit()).isEqualTo(64 << 10);
      long before = heapAfterGc();
      try {
        for (int i = 0; i < CONNECTIONS; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          sockets.add(s);
          sendUntilClosed(s, wire);
        }
        waitUntil(() -> log.lines.stream().filter(l -> l.contains("pre-login limit")).count() >= CONNECTIONS);
        long grown = heapAfterGc() - before;
        // Each connection may hold the default 64 KiB; 3x that per connection plus 16 MiB of slack.
        long allowed = CONNECTIONS * 3L * (64 << 10) + (16L << 20);
        assertThat(grown).as("heap grown by %d bytes after %d MiB of peer bytes", grown, CONNECTIONS * BYTES_PER_CONNECTION >> 20)
            .isLessThan(allowed);
        assertThat(log.lines).filteredOn(l -> l.contains("pre-login limit")).hasSize(CONNECTIONS);
        assertThat(server.unauthenticatedBufferedBytes()).isZero();
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
    }
  }

  @Test
  void theGlobalBudgetClosesTheConnectionsThatWouldExceedItAndLoginsStillWork() throws Exception {
    HeldCertificate cert = ServerEndpointTest.cert("budget");
    ServerEngineFactory tls = new ServerEngineFactory(ServerTlsConfig.builder().certifiedKey(cert.certifiedKey()).build());
    byte[] wire = endlessPrelogin(50 * 4096); // 204,800 bytes, held as one unfinished message
    List<Socket> sockets = new ArrayList<>();
    try (ServerLog log = new ServerLog();
        TdsServer server = TdsServer.start(ServerEndpointTest.server(ServerEncryption.AVAILABLE, tls)
            .preLoginBufferLimit(256 << 10).preLoginBudget(1 << 20).build())) {
      try {
        long held = 50 * 4088L; // payload bytes one connection holds once all of its wire has arrived
        for (int i = 0; i < 10; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          sockets.add(s);
          sendUntilClosed(s, wire);
          // One connection at a time: wait until the server has taken all of it in, or closed it.
          int sent = i + 1;
          waitUntil(() -> server.unauthenticatedBufferedBytes() % held == 0
              && server.unauthenticatedBufferedBytes() / held
                  + log.lines.stream().filter(l -> l.contains("pre-login budget")).count() == sent);
        }
        // 5 x 50 x 4088 payload bytes fit in 1 MiB, a 6th does not.
        assertThat(log.lines).filteredOn(l -> l.contains("pre-login budget")).hasSize(5);
        assertThat(server.unauthenticatedBufferedBytes()).isEqualTo(5 * 50 * 4088L);
        try (TdsSession session = TdsClient.connect(ServerEndpointTest.pinned(server.port(), cert, EncryptMode.MANDATORY))) {
          assertThat(session.execute("SELECT 1").firstTable().rows()).containsExactly(List.of(1));
        }
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      waitUntil(() -> server.unauthenticatedBufferedBytes() == 0);
      assertThat(server.unauthenticatedBufferedBytes()).isZero();
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
  }
}
