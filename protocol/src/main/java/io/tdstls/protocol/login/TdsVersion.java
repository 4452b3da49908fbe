package io.tdstls.protocol.login;

import io.tdstls.error.TdsConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * TDS protocol versions as sent in LOGIN7 and answered in LOGINACK ([MS-TDS] 2.2.6.4, 2.2.7.14),
 * each with its wire code (big-endian as written here).
 */
public enum TdsVersion {
  /** TDS 7.1 (SQL Server 2000 SP1). */
  V7_1("7.1", 0x71000001),
  /** TDS 7.2 (SQL Server 2005). */
  V7_2("7.2", 0x72090002),
  /** TDS 7.3A (SQL Server 2008). */
  V7_3A("7.3", 0x730A0003),
  /** TDS 7.3B (SQL Server 2008 R2). */
  V7_3B("7.3B", 0x730B0003),
  /** TDS 7.4 (SQL Server 2012 and later): the default on the 7.x path. */
  V7_4("7.4", 0x74000004),
  /** TDS 8.0 (SQL Server 2022 strict): sent in LOGIN7 by strict clients. */
  V8_0("8.0", 0x08000000);

  private final String label;
  private final int code;

  TdsVersion(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /**
   * Returns the version as people write it.
   *
   * @return for example {@code "7.4"}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the wire code.
   *
   * @return for example {@code 0x74000004}
   */
  public int code() {
    return code;
  }

  /**
   * Returns the version for a wire code.
   *
   * @param code the 4-byte value
   * @return the version, or {@code null} if the code is not known
   */
  public static TdsVersion fromCode(int code) {
    for (TdsVersion v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    return null;
  }

  /**
   * Parses a version as written in configuration ({@code 7.1}, {@code 7.2}, {@code 7.3}, {@code
   * 7.4}, {@code 8.0}; FreeTDS's {@code tds version} values).
   *
   * @param text the version text
   * @return the version
   * @throws TdsConfigException if the text is not a supported version, listing the valid ones
   */
  public static TdsVersion parse(String text) {
    String t = text.trim();
    for (TdsVersion v : values()) {
      if (v.label.equalsIgnoreCase(t)) {
        return v;
      }
    }
    if (t.equals("8")) {
      return V8_0;
    }
    List<String> valid = new ArrayList<>();
    for (TdsVersion v : values()) {
      valid.add(v.label);
    }
    throw TdsConfigException.invalidValue("TDS version", text, valid);
  }

  /**
   * Tells whether this version is the same as or later than another. TDS 8.0 counts as later than
   * every 7.x version, although its wire code is numerically smaller.
   *
   * @param other the version to compare with
   * @return whether this version is at least {@code other}
   */
  public boolean isAtLeast(TdsVersion other) {
    return ordinal() >= other.ordinal();
  }

  @Override
  public String toString() {
    return label;
  }
}
