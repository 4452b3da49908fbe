package io.tdstls.client;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes the socket of a connect or a login that outlives its deadline, so that the login's
 * connect and reads can block without a socket timeout.
 *
 * <p>A JDK socket with a timeout connects and reads in non-blocking mode: the connect takes six
 * system calls instead of one, and each read an empty attempt, a {@code poll} and the read itself,
 * on the critical path of every login. Here the socket blocks, and one daemon thread ({@value
 * #THREAD_NAME}) checks every {@link #TICK_MILLIS} ms for watches past their deadline and closes
 * their sockets, which makes the blocked call fail; the caller then sees {@link Watch#fired()}. A
 * deadline thus fires at most about one tick late. Watching costs no wake-up of that thread while it
 * ticks (it stops ticking after {@link #IDLE_MILLIS} ms without watches).
 */
final class LoginDeadlines {

  /** The name of the watching thread. */
  static final String THREAD_NAME = "tds-tls-login-deadlines";
  /** How often watches are checked. */
  static final long TICK_MILLIS = 10;
  /** How long the thread keeps ticking with nothing to watch before it parks until the next watch. */
  static final long IDLE_MILLIS = 2000;

  private static final LoginDeadlines SHARED = new LoginDeadlines();

  private static final int ARMED = 0;
  private static final int FIRED = 1;
  private static final int ENDED = 2;

  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private volatile Thread thread;
  private volatile boolean parked;

  /**
   * Returns the watcher shared by every client.
   *
   * @return the watcher
   */
  static LoginDeadlines shared() {
    return SHARED;
  }

  /** A socket watched until a deadline. */
  final class Watch {
    private final Socket socket;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private volatile long deadlineNanos;

    private Watch(Socket socket, long deadlineNanos) {
      this.socket = socket;
      this.deadlineNanos = deadlineNanos;
    }

    /**
     * Moves the deadline.
     *
     * @param deadline the new deadline, in {@link System#nanoTime()} terms
     */
    void until(long deadline) {
      this.deadlineNanos = deadline;
    }

    /**
     * Tells whether the deadline passed and the socket was closed.
     *
     * @return true once fired
     */
    boolean fired() {
      return state.get() == FIRED;
    }

    /**
     * Stops watching.
     *
     * @return false if the watch had already fired (the socket is closed)
     */
    boolean end() {
      watches.remove(this);
      return state.compareAndSet(ARMED, ENDED) || state.get() == ENDED;
    }

    private void fireIfDue(long now) {
      if (now - deadlineNanos >= 0 && state.compareAndSet(ARMED, FIRED)) {
        watches.remove(this);
        try {
          socket.close(); // a thread blocked in connect, read or write on it gets an exception
        } catch (IOException e) {
          // closed anyway, as far as this socket's user can tell
        }
      }
    }
  }

  /**
   * Watches a socket.
   *
   * @param socket the socket to close at the deadline
   * @param deadlineNanos the deadline, in {@link System#nanoTime()} terms
   * @return the watch; {@link Watch#end()} it when the watched work is done
   */
  Watch watch(Socket socket, long deadlineNanos) {
    Watch w = new Watch(socket, deadlineNanos);
    watches.add(w);
    Thread t = thread;
    if (t == null) {
      start();
    } else if (parked) {
      LockSupport.unpark(t);
    }
    return w;
  }

  /** How many watches are armed (for tests). */
  int watching() {
    return watches.size();
  }

  private synchronized void start() {
    if (thread == null) {
      Thread t = new Thread(this::run, THREAD_NAME);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  private void run() {
    long idleSince = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      for (Watch w : watches) {
        w.fireIfDue(now);
      }
      if (!watches.isEmpty()) {
        idleSince = now;
      } else if (now - idleSince > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
        parked = true;
        if (watches.isEmpty()) { // a watch added before parked was set is seen here; one added after unparks
          LockSupport.park(this);
        }
        parked = false;
        idleSince = System.nanoTime();
        continue;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
    }
  }
}
