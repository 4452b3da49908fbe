package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A watch past its deadline closes its socket, which ends a blocked read; an ended watch never does. */
class LoginDeadlinesTest {

  private static long inMillis(long ms) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
  }

  @Test
  void aBlockedReadEndsSoonAfterTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
      LoginDeadlines.Watch w = LoginDeadlines.shared().watch(s, inMillis(200));
      long start = System.nanoTime();
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(IOException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(w.fired()).isTrue();
      assertThat(w.end()).as("ending a fired watch says so").isFalse();
      assertThat(s.isClosed()).isTrue();
      assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
    }
  }

  @Test
  void anEndedWatchLeavesTheSocketOpen() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
      LoginDeadlines.Watch w = LoginDeadlines.shared().watch(s, inMillis(50));
      assertThat(w.end()).isTrue();
      Thread.sleep(50 + 5 * LoginDeadlines.TICK_MILLIS);
      assertThat(w.fired()).isFalse();
      assertThat(s.isClosed()).isFalse();
      assertThat(w.end()).as("ending twice").isTrue();
    }
  }

  @Test
  void aMovedDeadlineIsTheOneThatCounts() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
      LoginDeadlines.Watch w = LoginDeadlines.shared().watch(s, inMillis(30));
      w.until(inMillis(60_000));
      Thread.sleep(30 + 5 * LoginDeadlines.TICK_MILLIS);
      assertThat(w.fired()).isFalse();
      w.until(inMillis(0));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (!w.fired() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertThat(w.fired()).isTrue();
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void aWatchAddedAfterTheThreadWentIdleStillFires() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
         Socket first = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
         Socket second = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
      LoginDeadlines.shared().watch(first, inMillis(0));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (!first.isClosed() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      Thread.sleep(LoginDeadlines.IDLE_MILLIS + 200); // the thread parks until the next watch
      LoginDeadlines.Watch w = LoginDeadlines.shared().watch(second, inMillis(20));
      assertThatThrownBy(() -> second.getInputStream().read()).isInstanceOf(IOException.class);
      assertThat(w.fired()).isTrue();
    }
  }
}
