package io.tdstls.protocol.prelogin;

import java.util.OptionalLong;

/**
 * The PRELOGIN THREADID option: 4 bytes from a client (its thread id; byte order differs between
 * clients, so the value is read as sent, big-endian), or empty (length 0), as servers send it.
 */
public final class ThreadId {

  /** The empty THREADID option that servers send. */
  public static final ThreadId EMPTY = new ThreadId(-1);

  private final long value;

  private ThreadId(long value) {
    this.value = value;
  }

  /**
   * Returns a THREADID holding a value.
   *
   * @param value the 4 bytes read big-endian, 0..4294967295
   * @return the option value
   */
  public static ThreadId of(long value) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("THREADID is 4 bytes, was " + value);
    }
    return new ThreadId(value);
  }

  /**
   * Returns the value, or empty for the empty option.
   *
   * @return the thread id
   */
  public OptionalLong value() {
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThreadId && ((ThreadId) o).value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return value < 0 ? "(empty)" : Long.toString(value);
  }
}
