package io.tdstls.tls;

import io.tdstls.error.TdsConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** TLS protocol versions, with their JSSE names. */
public enum TlsVersion {
  /** TLS 1.0: legacy, only when explicitly enabled. */
  TLS_1_0("TLSv1"),
  /** TLS 1.1: legacy, only when explicitly enabled. */
  TLS_1_1("TLSv1.1"),
  /** TLS 1.2: the minimum by default, and the maximum on the TDS 7.x path. */
  TLS_1_2("TLSv1.2"),
  /** TLS 1.3: TDS 8.0 strict only. */
  TLS_1_3("TLSv1.3");

  private final String javaName;

  TlsVersion(String javaName) {
    this.javaName = javaName;
  }

  /**
   * Returns the JSSE protocol name.
   *
   * @return for example {@code "TLSv1.2"}
   */
  public String javaName() {
    return javaName;
  }

  /**
   * Tells whether this version is older than TLS 1.2.
   *
   * @return true for TLS 1.0 and 1.1
   */
  public boolean isLegacy() {
    return compareTo(TLS_1_2) < 0;
  }

  /**
   * Returns the version for a JSSE protocol name.
   *
   * @param javaName for example {@code "TLSv1.3"}
   * @return the version, or {@code null} if the name is not one of these (for example {@code
   *     "SSLv3"} or {@code "NONE"})
   */
  public static TlsVersion forJavaName(String javaName) {
    for (TlsVersion v : values()) {
      if (v.javaName.equals(javaName)) {
        return v;
      }
    }
    return null;
  }

  /**
   * Parses a version as written in configuration: {@code 1.0}, {@code 1.1}, {@code 1.2}, {@code
   * 1.3}, or the JSSE names ({@code TLSv1.2}).
   *
   * @param text the version
   * @return the version
   * @throws TdsConfigException if the text is not a version, listing the valid ones
   */
  public static TlsVersion parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "").trim();
    switch (t) {
      case "1":
      case "1.0":
        return TLS_1_0;
      case "1.1":
        return TLS_1_1;
      case "1.2":
        return TLS_1_2;
      case "1.3":
        return TLS_1_3;
      default:
        List<String> valid = new ArrayList<>(List.of("1.0", "1.1", "1.2", "1.3"));
        for (TlsVersion v : values()) {
          valid.add(v.javaName);
        }
        throw TdsConfigException.invalidValue("TLS version", text, valid);
    }
  }

  /**
   * Returns the short form.
   *
   * @return for example {@code "TLS 1.2"}
   */
  @Override
  public String toString() {
    return "TLS 1." + ordinal();
  }
}
