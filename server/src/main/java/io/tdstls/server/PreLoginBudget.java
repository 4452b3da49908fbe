package io.tdstls.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that all connections of one server that have not logged in yet may make it hold
 * together (unfinished packets, messages and TLS records). A connection reserves what it holds
 * after each read and releases it when it logs in or closes; a reservation past the budget is
 * refused, and that connection is closed.
 */
final class PreLoginBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  PreLoginBudget(long limit) {
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  long used() {
    return used.get();
  }

  /**
   * Moves a connection's reservation from {@code held} to {@code wanted} bytes.
   *
   * @return whether it fits; if not, the reservation stays at {@code held}
   */
  boolean resize(long held, long wanted) {
    long delta = wanted - held;
    if (delta <= 0) {
      used.addAndGet(delta);
      return true;
    }
    while (true) {
      long now = used.get();
      if (now + delta > limit) {
        return false;
      }
      if (used.compareAndSet(now, now + delta)) {
        return true;
      }
    }
  }
}
