package io.tdstls.protocol.prelogin;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds PRELOGIN payloads by hand, option table entry by entry, so that tests can write tables
 * the encoder never produces: unknown tokens, wrong lengths, bad offsets, duplicates.
 *
 * <p>By default each entry's data follows the table in entry order and its offset and length are
 * computed; {@link #raw} entries carry an explicit offset and length instead.
 */
public final class PreLoginBytes {

  private record Entry(int token, byte[] data, int offset, int length) {}

  private final List<Entry> entries = new ArrayList<>();
  private byte[] trailer = new byte[0];

  /**
   * Adds an option whose offset and length are computed from its data.
   *
   * @param token the option token
   * @param data the option data
   * @return this builder
   */
  public PreLoginBytes option(int token, byte... data) {
    entries.add(new Entry(token, data.clone(), -1, -1));
    return this;
  }

  /**
   * Adds an option with an explicit offset and length; its data (if any) is still appended after
   * the table.
   *
   * @param token the option token
   * @param offset the offset to write
   * @param length the length to write
   * @param data bytes appended to the data area
   * @return this builder
   */
  public PreLoginBytes raw(int token, int offset, int length, byte... data) {
    entries.add(new Entry(token, data.clone(), offset, length));
    return this;
  }

  /**
   * Sets bytes appended after all option data.
   *
   * @param bytes the bytes
   * @return this builder
   */
  public PreLoginBytes trailer(byte... bytes) {
    trailer = bytes.clone();
    return this;
  }

  /**
   * Returns the offset at which the table's terminator is written.
   *
   * @return {@code 5 * entries}
   */
  public int terminatorOffset() {
    return entries.size() * 5;
  }

  /**
   * Returns the payload with its terminator.
   *
   * @return the bytes
   */
  public byte[] build() {
    return build(true);
  }

  /**
   * Returns the payload.
   *
   * @param terminated whether to write the 0xFF terminator after the table
   * @return the bytes
   */
  public byte[] build(boolean terminated) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = entries.size() * 5 + (terminated ? 1 : 0);
    for (Entry e : entries) {
      int o = e.offset() >= 0 ? e.offset() : offset;
      int l = e.length() >= 0 ? e.length() : e.data().length;
      out.write(e.token());
      out.write(o >> 8);
      out.write(o);
      out.write(l >> 8);
      out.write(l);
      offset += e.data().length;
    }
    if (terminated) {
      out.write(PreLoginOption.TERMINATOR);
    }
    for (Entry e : entries) {
      out.write(e.data(), 0, e.data().length);
    }
    out.write(trailer, 0, trailer.length);
    return out.toByteArray();
  }

  /**
   * Returns a valid 6-byte VERSION value.
   *
   * @return bytes of version 1.2.3.4
   */
  public static byte[] version1234() {
    return new byte[] {1, 2, 0, 3, 0, 4};
  }
}
