package io.tdstls.client.config;

import io.tdstls.error.TdsConfigException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.TlsVersion;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the text of one configuration value into its typed value, or into a {@link
 * TdsConfigException} that quotes the key as the user wrote it and lists the valid values.
 */
final class ConfigValues {

  /** Boolean spellings of Microsoft's drivers (SqlClient takes yes/no too). */
  static final List<String> MS_TRUE = List.of("true", "yes");
  /** Boolean spellings of Microsoft's drivers for false. */
  static final List<String> MS_FALSE = List.of("false", "no");

  private static final List<String> TLS_VERSIONS =
      List.of("1.0", "1.1", "1.2", "1.3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  private ConfigValues() {}

  static boolean bool(Entry e, List<String> trues, List<String> falses) {
    String v = e.value().trim().toLowerCase(Locale.ROOT);
    if (trues.contains(v)) {
      return true;
    }
    if (falses.contains(v)) {
      return false;
    }
    List<String> valid = new ArrayList<>(trues);
    valid.addAll(falses);
    throw TdsConfigException.invalidValue(e.key(), e.value(), valid);
  }

  static int integer(Entry e, int min, int max) {
    String v = e.value().trim();
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the valid range
    }
    throw TdsConfigException.invalidValue(e.key(), e.value(), List.of(min + ".." + max));
  }

  static Duration seconds(Entry e) {
    return Duration.ofSeconds(integer(e, 0, Integer.MAX_VALUE));
  }

  static Duration millis(Entry e) {
    return Duration.ofMillis(integer(e, 0, Integer.MAX_VALUE));
  }

  static Path path(Entry e) {
    String v = e.value().trim();
    if (v.isEmpty()) {
      throw new TdsConfigException(e.key() + " is empty: give the path of a file, or leave the key out");
    }
    try {
      return Path.of(v);
    } catch (InvalidPathException ex) {
      throw new TdsConfigException("invalid " + e.key() + " '" + e.value() + "': not a file path (" + ex.getReason() + ")", ex);
    }
  }

  static TlsVersion tlsVersion(Entry e) {
    try {
      return TlsVersion.parse(e.value());
    } catch (TdsConfigException ex) {
      throw TdsConfigException.invalidValue(e.key(), e.value(), TLS_VERSIONS);
    }
  }

  /**
   * Parses a TDS version: 7.1 to 7.4, 7.3B, 8.0, or {@code auto} for the default.
   *
   * @return the version, or {@code null} for {@code auto}
   */
  static TdsVersion tdsVersion(Entry e) {
    String v = e.value().trim();
    if (v.equalsIgnoreCase("auto")) {
      return null;
    }
    try {
      return TdsVersion.parse(v);
    } catch (TdsConfigException ex) {
      throw TdsConfigException.invalidValue(e.key(), e.value(), List.of("7.1", "7.2", "7.3", "7.3B", "7.4", "8.0", "auto"));
    }
  }

  static char[] chars(Entry e) {
    return e.value().toCharArray();
  }
}
