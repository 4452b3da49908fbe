package io.tdstls.bench.report;

import java.util.Locale;

/** Number formats shared by the result tables. */
public final class Format {

  private Format() {}

  /**
   * Formats a number with one decimal.
   *
   * @param value the number
   * @return for example {@code "1234.5"}
   */
  public static String one(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * Formats a ratio with two decimals, or {@code "n/a"} when the baseline is zero.
   *
   * @param value the measured value
   * @param baseline the value it is compared with
   * @return for example {@code "0.93"}
   */
  public static String ratio(double value, double baseline) {
    return baseline <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", value / baseline);
  }

  /**
   * Formats nanoseconds as milliseconds with two decimals.
   *
   * @param nanos a duration in nanoseconds
   * @return for example {@code "1.25"}
   */
  public static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  /**
   * Formats bytes as KiB with one decimal.
   *
   * @param bytes a byte count
   * @return for example {@code "12.5"}
   */
  public static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1024);
  }
}
