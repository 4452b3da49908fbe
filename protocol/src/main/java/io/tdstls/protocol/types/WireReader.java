package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked cursor over a message payload, for the TDS codecs. Every read checks that the
 * bytes are there first and throws a {@link TdsProtocolException} naming the structure, the field
 * and the offset otherwise, so that no {@code IndexOutOfBoundsException} or huge allocation can
 * come from a malformed length.
 *
 * <p>Multi-byte integers are little-endian unless the method name says otherwise.
 *
 * <pre>{@code
 * WireReader r = new WireReader("LOGINACK", payload);
 * int iface = r.u8("interface");
 * int version = r.i32be("TDS version");
 * }</pre>
 */
public final class WireReader {

  private final String structure;
  private final byte[] buf;
  private int pos;
  private int limit;

  /**
   * Creates a reader over a whole payload (not copied: the caller must not change it while
   * reading).
   *
   * @param structure the structure being decoded, used in error messages, for example {@code
   *     "LOGIN7"}
   * @param payload the bytes to read
   */
  public WireReader(String structure, byte[] payload) {
    this.structure = structure;
    this.buf = payload;
    this.pos = 0;
    this.limit = payload.length;
  }

  private WireReader(WireReader parent, int end) {
    this.structure = parent.structure;
    this.buf = parent.buf;
    this.pos = parent.pos;
    this.limit = end;
  }

  /**
   * Splits off the next bytes as a reader of their own (for a token with a length field) and
   * moves this reader past them. Offsets in the new reader's errors stay relative to the payload.
   *
   * @param n the number of bytes
   * @param field the length field, for the error message
   * @return a reader over exactly those bytes
   * @throws TdsProtocolException if fewer than {@code n} bytes remain
   */
  public WireReader slice(long n, String field) throws TdsProtocolException {
    require(n, field);
    WireReader child = new WireReader(this, pos + (int) n);
    pos += (int) n;
    return child;
  }

  /**
   * Returns the structure named in errors.
   *
   * @return for example {@code "COLMETADATA"}
   */
  public String structure() {
    return structure;
  }

  /**
   * Returns the current offset from the start of the payload.
   *
   * @return the offset
   */
  public int position() {
    return pos;
  }

  /**
   * Moves to an absolute offset.
   *
   * @param offset the new offset, between 0 and the limit
   * @param field the field the offset came from, for the error message
   * @throws TdsProtocolException if the offset is outside the readable bytes
   */
  public void seek(int offset, String field) throws TdsProtocolException {
    if (offset < 0 || offset > limit) {
      throw error(field + " points to offset " + offset + ", outside the " + limit + "-byte data", pos);
    }
    pos = offset;
  }

  /**
   * Returns the number of readable bytes left.
   *
   * @return the bytes between the position and the limit
   */
  public int remaining() {
    return limit - pos;
  }

  /**
   * Tells whether bytes remain.
   *
   * @return whether the position is before the limit
   */
  public boolean hasRemaining() {
    return pos < limit;
  }

  /**
   * Returns the end of the readable bytes.
   *
   * @return the limit, an offset into the payload
   */
  public int limit() {
    return limit;
  }

  /**
   * Narrows the readable bytes, for a structure that declares its own total length.
   *
   * @param newLimit the new limit, between the position and the current limit
   * @param field the length field that gave the limit, for the error message
   * @throws TdsProtocolException if the new limit is past the current one or before the position
   */
  public void limitTo(int newLimit, String field) throws TdsProtocolException {
    if (newLimit < pos || newLimit > limit) {
      throw error(field + " declares data up to offset " + newLimit + " but only " + limit
          + " bytes are present", pos);
    }
    limit = newLimit;
  }

  /**
   * Checks that a number of bytes can be read.
   *
   * @param n the number of bytes needed
   * @param field the field about to be read
   * @throws TdsProtocolException if fewer bytes remain
   */
  public void require(long n, String field) throws TdsProtocolException {
    if (n < 0 || n > limit - pos) {
      throw error(field + " needs " + n + " bytes but only " + (limit - pos) + " remain", pos);
    }
  }

  /**
   * Creates the error for this structure at the current position.
   *
   * @param problem what is wrong
   * @return the error, to throw
   */
  public TdsProtocolException error(String problem) {
    return error(problem, pos);
  }

  /**
   * Creates the error for this structure at an offset.
   *
   * @param problem what is wrong
   * @param offset where
   * @return the error, to throw
   */
  public TdsProtocolException error(String problem, int offset) {
    return new TdsProtocolException(structure, problem, offset);
  }

  /**
   * Copies bytes already read (or not yet read) between two offsets, without moving.
   *
   * @param from the first offset, at least 0
   * @param to the end offset, at most the limit
   * @return a new array
   * @throws IllegalArgumentException if the range is not inside the readable bytes (a caller bug)
   */
  public byte[] copyRange(int from, int to) {
    if (from < 0 || to > limit || from > to) {
      throw new IllegalArgumentException("range " + from + ".." + to + " is outside 0.." + limit);
    }
    return Arrays.copyOfRange(buf, from, to);
  }

  /**
   * Reads an unsigned byte.
   *
   * @param field the field name, for errors
   * @return 0..255
   * @throws TdsProtocolException if no byte remains
   */
  public int u8(String field) throws TdsProtocolException {
    require(1, field);
    return buf[pos++] & 0xFF;
  }

  /**
   * Reads an unsigned 16-bit little-endian integer.
   *
   * @param field the field name, for errors
   * @return 0..65535
   * @throws TdsProtocolException if fewer than 2 bytes remain
   */
  public int u16(String field) throws TdsProtocolException {
    require(2, field);
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  /**
   * Reads a signed 16-bit little-endian integer.
   *
   * @param field the field name, for errors
   * @return -32768..32767
   * @throws TdsProtocolException if fewer than 2 bytes remain
   */
  public short i16(String field) throws TdsProtocolException {
    return (short) u16(field);
  }

  /**
   * Reads a 32-bit little-endian integer.
   *
   * @param field the field name, for errors
   * @return the value (unsigned values above 2^31 come back negative; see {@link #u32})
   * @throws TdsProtocolException if fewer than 4 bytes remain
   */
  public int i32(String field) throws TdsProtocolException {
    require(4, field);
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
        | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  /**
   * Reads an unsigned 32-bit little-endian integer.
   *
   * @param field the field name, for errors
   * @return 0..2^32-1
   * @throws TdsProtocolException if fewer than 4 bytes remain
   */
  public long u32(String field) throws TdsProtocolException {
    return i32(field) & 0xFFFFFFFFL;
  }

  /**
   * Reads an unsigned 32-bit little-endian integer at an absolute offset, without moving.
   *
   * @param offset where the value starts
   * @return 0..2^32-1
   * @throws TdsProtocolException if the 4 bytes are not all readable
   */
  public long u32at(int offset) throws TdsProtocolException {
    if (offset < 0 || offset + 4 > limit) {
      throw error("a 4-byte value at offset " + offset + " is outside the " + limit + "-byte data",
          offset);
    }
    return ((buf[offset] & 0xFF) | (buf[offset + 1] & 0xFF) << 8 | (buf[offset + 2] & 0xFF) << 16
        | (long) (buf[offset + 3] & 0xFF) << 24);
  }

  /**
   * Reads a 32-bit big-endian integer.
   *
   * @param field the field name, for errors
   * @return the value
   * @throws TdsProtocolException if fewer than 4 bytes remain
   */
  public int i32be(String field) throws TdsProtocolException {
    return Integer.reverseBytes(i32(field));
  }

  /**
   * Reads a 64-bit little-endian integer.
   *
   * @param field the field name, for errors
   * @return the value
   * @throws TdsProtocolException if fewer than 8 bytes remain
   */
  public long i64(String field) throws TdsProtocolException {
    require(8, field);
    long lo = i32(field) & 0xFFFFFFFFL;
    long hi = i32(field) & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  /**
   * Reads an unsigned little-endian integer of 1 to 8 bytes.
   *
   * @param n the width in bytes
   * @param field the field name, for errors
   * @return the value
   * @throws TdsProtocolException if fewer than {@code n} bytes remain
   */
  public long unsigned(int n, String field) throws TdsProtocolException {
    require(n, field);
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = v << 8 | (buf[pos + i] & 0xFF);
    }
    pos += n;
    return v;
  }

  /**
   * Reads bytes into a new array.
   *
   * @param n how many
   * @param field the field name, for errors
   * @return a new array
   * @throws TdsProtocolException if fewer than {@code n} bytes remain (checked before allocating)
   */
  public byte[] bytes(long n, String field) throws TdsProtocolException {
    require(n, field);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
    pos += (int) n;
    return out;
  }

  /**
   * Skips bytes.
   *
   * @param n how many
   * @param field the field name, for errors
   * @throws TdsProtocolException if fewer than {@code n} bytes remain
   */
  public void skip(long n, String field) throws TdsProtocolException {
    require(n, field);
    pos += (int) n;
  }

  /**
   * Reads UTF-16LE text of a number of characters (code units).
   *
   * @param chars the number of 2-byte code units
   * @param field the field name, for errors
   * @return the text (unpaired surrogates become U+FFFD)
   * @throws TdsProtocolException if fewer than {@code 2 * chars} bytes remain
   */
  public String utf16(long chars, String field) throws TdsProtocolException {
    return text(2 * chars, StandardCharsets.UTF_16LE, field);
  }

  /**
   * Reads text of a number of bytes in a character set.
   *
   * @param n the number of bytes
   * @param charset the encoding
   * @param field the field name, for errors
   * @return the text
   * @throws TdsProtocolException if fewer than {@code n} bytes remain
   */
  public String text(long n, Charset charset, String field) throws TdsProtocolException {
    require(n, field);
    String s = new String(buf, pos, (int) n, charset);
    pos += (int) n;
    return s;
  }

  /**
   * Reads a B_VARCHAR: a 1-byte character count and UTF-16LE text.
   *
   * @param field the field name, for errors
   * @return the text
   * @throws TdsProtocolException if truncated
   */
  public String bVarchar(String field) throws TdsProtocolException {
    return utf16(u8(field + " length"), field);
  }

  /**
   * Reads a US_VARCHAR: a 2-byte character count and UTF-16LE text.
   *
   * @param field the field name, for errors
   * @return the text
   * @throws TdsProtocolException if truncated
   */
  public String usVarchar(String field) throws TdsProtocolException {
    return utf16(u16(field + " length"), field);
  }

  /**
   * Reads a B_VARBYTE: a 1-byte length and bytes.
   *
   * @param field the field name, for errors
   * @return the bytes
   * @throws TdsProtocolException if truncated
   */
  public byte[] bVarbyte(String field) throws TdsProtocolException {
    return bytes(u8(field + " length"), field);
  }
}
