package io.tdstls.protocol.types;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer for the TDS encoders, with methods to patch a length
 * written before the data it counts.
 *
 * <pre>{@code
 * WireWriter w = new WireWriter();
 * w.u8(0xAD);
 * int lengthAt = w.position();
 * w.u16(0);
 * ... // the token body
 * w.patchU16(lengthAt, w.position() - lengthAt - 2);
 * byte[] bytes = w.toByteArray();
 * }</pre>
 */
public final class WireWriter {

  private byte[] buf = new byte[64];
  private int size;

  /** Creates an empty buffer. */
  public WireWriter() {}

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  /**
   * Returns the number of bytes written so far.
   *
   * @return the next write offset
   */
  public int position() {
    return size;
  }

  /**
   * Writes a byte.
   *
   * @param v the low 8 bits are written
   * @return this writer
   */
  public WireWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  /**
   * Writes a 16-bit little-endian integer.
   *
   * @param v the low 16 bits are written
   * @return this writer
   */
  public WireWriter u16(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  /**
   * Writes a 32-bit little-endian integer.
   *
   * @param v the value (or the low 32 bits of an unsigned value)
   * @return this writer
   */
  public WireWriter i32(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /**
   * Writes a 32-bit big-endian integer.
   *
   * @param v the value
   * @return this writer
   */
  public WireWriter i32be(int v) {
    return i32(Integer.reverseBytes(v));
  }

  /**
   * Writes a 64-bit little-endian integer.
   *
   * @param v the value
   * @return this writer
   */
  public WireWriter i64(long v) {
    return unsigned(v, 8);
  }

  /**
   * Writes the low {@code n} bytes of a value, little-endian.
   *
   * @param v the value
   * @param n the width, 1 to 8
   * @return this writer
   */
  public WireWriter unsigned(long v, int n) {
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /**
   * Writes bytes.
   *
   * @param b the bytes
   * @return this writer
   */
  public WireWriter bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /**
   * Writes text as UTF-16LE, without a length.
   *
   * @param s the text
   * @return this writer
   */
  public WireWriter utf16(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_16LE));
  }

  /**
   * Writes text in a character set, without a length.
   *
   * @param s the text
   * @param charset the encoding
   * @return this writer
   */
  public WireWriter text(String s, Charset charset) {
    return bytes(s.getBytes(charset));
  }

  /**
   * Writes a B_VARCHAR: a 1-byte character count and UTF-16LE text.
   *
   * @param s the text, at most 255 UTF-16 code units
   * @return this writer
   * @throws IllegalArgumentException if the text is longer than 255 code units
   */
  public WireWriter bVarchar(String s) {
    if (s.length() > 0xFF) {
      throw new IllegalArgumentException("text of " + s.length() + " characters does not fit a"
          + " B_VARCHAR (at most 255): shorten it");
    }
    return u8(s.length()).utf16(s);
  }

  /**
   * Writes a US_VARCHAR: a 2-byte character count and UTF-16LE text.
   *
   * @param s the text, at most 65535 UTF-16 code units
   * @return this writer
   * @throws IllegalArgumentException if the text is longer than 65535 code units
   */
  public WireWriter usVarchar(String s) {
    if (s.length() > 0xFFFF) {
      throw new IllegalArgumentException("text of " + s.length() + " characters does not fit a"
          + " US_VARCHAR (at most 65535): shorten it");
    }
    return u16(s.length()).utf16(s);
  }

  /**
   * Writes a B_VARBYTE: a 1-byte length and the bytes.
   *
   * @param b at most 255 bytes
   * @return this writer
   * @throws IllegalArgumentException if there are more than 255 bytes
   */
  public WireWriter bVarbyte(byte[] b) {
    if (b.length > 0xFF) {
      throw new IllegalArgumentException(b.length + " bytes do not fit a B_VARBYTE (at most 255)");
    }
    return u8(b.length).bytes(b);
  }

  /**
   * Overwrites a 16-bit little-endian value written earlier.
   *
   * @param at the offset of the value
   * @param v the new value
   */
  public void patchU16(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
  }

  /**
   * Overwrites bytes written earlier.
   *
   * @param at the offset of the first byte
   * @param b the new bytes
   */
  public void patchBytes(int at, byte[] b) {
    System.arraycopy(b, 0, buf, at, b.length);
  }

  /**
   * Overwrites a 32-bit little-endian value written earlier.
   *
   * @param at the offset of the value
   * @param v the new value
   */
  public void patchI32(int at, int v) {
    for (int i = 0; i < 4; i++) {
      buf[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /**
   * Returns a copy of the bytes written.
   *
   * @return a new array
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
