package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.error.TdsTimeoutException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Peers that stop talking, close early or answer garbage get a typed error, never a hang. */
class MisbehavingServerTest {

  /** A one-connection server on loopback that does {@code behaviour} with the accepted socket. */
  static ServerSocket peer(Consumer<Socket> behaviour) throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      try (Socket s = listener.accept()) {
        behaviour.accept(s);
      } catch (IOException e) {
        // the test closed the listener
      }
    });
    t.setDaemon(true);
    t.start();
    return listener;
  }

  static ConnectionConfig config(int port, EncryptMode mode) {
    return ConnectionConfig.builder().host("localhost").port(port).user("u").password("p".toCharArray())
        .loginTimeout(Duration.ofMillis(700)).tls(TlsConfig.builder().mode(mode).build()).build();
  }

  static void readPrelogin(Socket s) {
    try {
      s.getInputStream().readNBytes(8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithAHint() throws Exception {
    try (ServerSocket silent = peer(s -> {
      readPrelogin(s);
      sleep(5_000);
    })) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> TdsClient.connect(config(silent.getLocalPort(), EncryptMode.MANDATORY)))
          .isInstanceOfSatisfying(TdsTimeoutException.class, e -> {
            assertThat(e.getMessage()).contains("PRELOGIN response");
            assertThat(e.advice()).contains("timeout");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aServerThatClosesAfterPreloginIsAConnectionError() throws Exception {
    try (ServerSocket closer = peer(MisbehavingServerTest::readPrelogin)) {
      assertThatThrownBy(() -> TdsClient.connect(config(closer.getLocalPort(), EncryptMode.MANDATORY)))
          .isInstanceOf(TdsConnectionException.class).hasMessageContaining("closed the connection");
    }
  }

  @Test
  void garbageInsteadOfAPreloginReplyIsAProtocolError() throws Exception {
    try (ServerSocket garbage = peer(s -> {
      readPrelogin(s);
      try {
        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sleep(2_000);
      } catch (IOException e) {
        // client gone
      }
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(garbage.getLocalPort(), EncryptMode.MANDATORY)))
          .isInstanceOf(TdsProtocolException.class).hasMessageContaining("unknown packet type 0x48");
    }
  }

  @Test
  void aStrictClientMeetingAPlainTdsServerFailsCleanly() throws Exception {
    try (ServerSocket plain = peer(s -> {
      readPrelogin(s);
      try {
        s.getOutputStream().write(new byte[] {0x04, 0x01, 0x00, 0x08, 0, 0, 1, 0});
        sleep(2_000);
      } catch (IOException e) {
        // client gone
      }
    })) {
      assertThatThrownBy(() -> TdsClient.connect(config(plain.getLocalPort(), EncryptMode.STRICT)))
          .isInstanceOf(io.tdstls.error.TdsException.class)
          .satisfies(e -> {
            io.tdstls.error.TdsException t = (io.tdstls.error.TdsException) e;
            assertThat(t.kind()).isIn(io.tdstls.error.TdsException.Kind.TLS_HANDSHAKE, io.tdstls.error.TdsException.Kind.CONNECTION);
            if (t.kind() == io.tdstls.error.TdsException.Kind.CONNECTION) {
              assertThat(t.advice()).contains("strict");
            }
          });
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
