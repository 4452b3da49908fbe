package io.tdstls.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accepting loop keeps a connection unless it is busier than the others; elsewhere the least loaded loop gets it. */
class LocalFirstChooserTest {

  private LocalFirstChooser chooser;
  private NioEventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    chooser = new LocalFirstChooser();
    group = new NioEventLoopGroup(3, (Executor) null, chooser, SelectorProvider.provider(),
        DefaultSelectStrategyFactory.INSTANCE);
  }

  @AfterEach
  void stop() {
    channels.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private EventLoop loop(int i) {
    List<EventLoop> loops = new ArrayList<>();
    group.forEach(e -> loops.add((EventLoop) e));
    return loops.get(i);
  }

  /** Opens a tracked channel on loop {@code i}. */
  private Channel open(int i) {
    Channel ch = new LocalChannel();
    loop(i).register(ch).syncUninterruptibly();
    chooser.track(ch);
    channels.add(ch);
    return ch;
  }

  /** What {@code next()} answers when called on loop {@code i}, as the acceptor calls it. */
  private EventLoop nextFrom(int i) throws Exception {
    return loop(i).submit(() -> group.next()).get(5, TimeUnit.SECONDS);
  }

  @Test
  void anIdleAcceptingLoopKeepsEveryConnection() throws Exception {
    for (int k = 0; k < 10; k++) {
      assertThat(nextFrom(1)).isSameAs(loop(1));
    }
  }

  @Test
  void theAcceptingLoopKeepsOneConnectionAboveTheLeastLoadedButNotTwo() throws Exception {
    open(0);
    assertThat(nextFrom(0)).as("one above the others").isSameAs(loop(0));
    open(0);
    assertThat(nextFrom(0)).as("two above the others").isNotSameAs(loop(0));
  }

  @Test
  void aBusyAcceptingLoopHandsTheConnectionToTheLeastLoaded() throws Exception {
    open(0);
    open(0);
    open(0);
    open(1);
    assertThat(nextFrom(0)).isSameAs(loop(2));
  }

  @Test
  void closedChannelsNoLongerCount() throws Exception {
    Channel a = open(0);
    Channel b = open(0);
    assertThat(chooser.openPerLoop()).containsExactly(2, 0, 0);
    a.close().syncUninterruptibly();
    b.close().syncUninterruptibly();
    assertThat(chooser.openPerLoop()).containsExactly(0, 0, 0);
    assertThat(nextFrom(0)).isSameAs(loop(0));
  }

  @Test
  void fromOutsideTheGroupTiesGoRoundRobin() {
    Set<EventLoop> chosen = new HashSet<>();
    for (int k = 0; k < 3; k++) {
      chosen.add(group.next());
    }
    assertThat(chosen).hasSize(3);
  }

  @Test
  void fromOutsideTheGroupTheLeastLoadedWins() {
    open(0);
    open(1);
    for (int k = 0; k < 5; k++) {
      assertThat(group.next()).isSameAs(loop(2));
    }
  }
}
