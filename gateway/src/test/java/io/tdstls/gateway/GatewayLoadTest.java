package io.tdstls.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.TdsServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 connections open through the gateway at once, each then reading a large result: the bytes
 * out of the backend are the bytes into the clients (SHA-256 per connection), and none is lost.
 */
class GatewayLoadTest {

  static final int CONNECTIONS = 1000;
  static final long RESULT_BYTES = 128 * 1024 + 17;

  @TempDir Path dir;

  @Test
  void aThousandConcurrentConnectionsEachReadALargeResultIntact() throws Exception {
    GatewayFixture f = new GatewayFixture(dir);
    byte[] expected = RandomBytes.digest(RESULT_BYTES);
    try (TdsServer backend = f.backend(ServerEncryption.FORCED, f.server, 0);
        TdsGateway gateway = TdsGateway.start(f.gateway(backend.port(), EncryptMode.MANDATORY)
            .maxConnections(CONNECTIONS).loginTimeout(Duration.ofSeconds(120)).backendTimeout(Duration.ofSeconds(120))
            .build())) {
      CountDownLatch allConnected = new CountDownLatch(CONNECTIONS);
      AtomicInteger intact = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      var client = io.tdstls.client.ConnectionConfig.builder().host("localhost").port(gateway.port())
          .user(GatewayFixture.USER).password(GatewayFixture.PASSWORD.toCharArray())
          .connectTimeout(Duration.ofSeconds(120)).loginTimeout(Duration.ofSeconds(120))
          .tls(f.client(gateway.port(), EncryptMode.MANDATORY).tls()).build();
      for (int i = 0; i < CONNECTIONS; i++) {
        Thread t = new Thread(null, () -> {
          try (TdsSession s = TdsClient.connect(client)) {
            allConnected.countDown();
            allConnected.await(120, TimeUnit.SECONDS);
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            long got = s.executeStreaming("STREAM " + RESULT_BYTES, (payload, last) -> d.update(payload));
            if (got == RESULT_BYTES && MessageDigest.isEqual(d.digest(), expected)) {
              intact.incrementAndGet();
            } else {
              failures.add("wrong bytes: " + got);
            }
          } catch (Exception e) {
            allConnected.countDown();
            failures.add(e.toString());
          }
        }, "load-" + i, 256 * 1024);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(180));
      }
      assertThat(failures).as("failed connections").isEmpty();
      assertThat(intact.get()).isEqualTo(CONNECTIONS);
    }
  }
}
