package io.tdstls.server;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Picks the event loop of each accepted connection: the loop that accepted it, unless that loop
 * already serves more than one connection above the least loaded loop; otherwise the least loaded
 * loop (open connections counted by {@link #track(Channel)}).
 *
 * <p>Netty's default chooser deals connections round-robin, so each one is handed from the
 * accepting loop to another thread: a wake-up of that thread (an eventfd write, a context switch)
 * on the critical path of every login. A connection kept on the accepting loop is registered and
 * read with no handoff at all; one client connecting repeatedly always stays on one thread, while
 * many clients still spread over every loop (the loads differ by at most about one connection).
 */
final class LocalFirstChooser implements EventExecutorChooserFactory {

  /** How many connections the accepting loop may serve above the least loaded loop and still keep a new one. */
  static final int SLACK = 1;

  private volatile Chooser chooser;

  @Override
  public EventExecutorChooser newChooser(EventExecutor[] executors) {
    Chooser c = new Chooser(executors.clone());
    chooser = c;
    return c;
  }

  /**
   * Counts a registered channel against its event loop until it closes.
   *
   * @param channel a channel registered on a loop of the group this factory made the chooser of
   */
  void track(Channel channel) {
    Chooser c = chooser;
    if (c == null) {
      return;
    }
    int i = c.indexOf(channel.eventLoop());
    if (i < 0) {
      return;
    }
    c.open.incrementAndGet(i);
    channel.closeFuture().addListener(f -> c.open.decrementAndGet(i));
  }

  /**
   * Returns the open connections of each loop, in the group's order.
   *
   * @return the counts (empty before the group was built)
   */
  int[] openPerLoop() {
    Chooser c = chooser;
    if (c == null) {
      return new int[0];
    }
    int[] out = new int[c.executors.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.open.get(i);
    }
    return out;
  }

  private static final class Chooser implements EventExecutorChooser {
    final EventExecutor[] executors;
    final AtomicIntegerArray open;
    private final AtomicInteger rotation = new AtomicInteger();

    Chooser(EventExecutor[] executors) {
      this.executors = executors;
      this.open = new AtomicIntegerArray(executors.length);
    }

    int indexOf(EventExecutor e) {
      for (int i = 0; i < executors.length; i++) {
        if (executors[i] == e) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public EventExecutor next() {
      int n = executors.length;
      int start = Math.floorMod(rotation.getAndIncrement(), n); // ties go round-robin
      int least = start;
      int min = open.get(start);
      int local = -1;
      for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        int load = open.get(i);
        if (load < min) {
          min = load;
          least = i;
        }
        if (executors[i].inEventLoop()) {
          local = i;
        }
      }
      if (local >= 0 && open.get(local) <= min + SLACK) {
        return executors[local];
      }
      return executors[least];
    }
  }
}
