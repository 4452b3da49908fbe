package io.tdstls.protocol.types;

/**
 * Fits text into a wire field with a character limit. Text that a server builds from a peer's
 * input (a LOGIN7 database name, a column alias, a procedure name quoted in an error) can be longer
 * than its field allows; it is cut to the limit instead of failing the connection.
 */
public final class WireText {

  /** The most UTF-16 code units in a B_VARCHAR. */
  public static final int B_VARCHAR_MAX = 0xFF;
  /** The most UTF-16 code units in a US_VARCHAR. */
  public static final int US_VARCHAR_MAX = 0xFFFF;

  private WireText() {}

  /**
   * Cuts text to at most {@code max} UTF-16 code units, never between the two halves of a
   * surrogate pair.
   *
   * @param s the text
   * @param max the limit, at least 0
   * @return {@code s} itself if it fits, else its longest prefix that does
   */
  public static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
