package io.tdstls.client.config;

import io.tdstls.error.TdsConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads freetds.conf with FreeTDS's rules: {@code [section]} headers; {@code key = value} lines;
 * a line starting with {@code ;} or {@code #} is a comment, and a value ends at the first {@code
 * ;} or {@code #}; runs of spaces in keys and values count as one space; keys and section names
 * are case-insensitive. Unlike FreeTDS, an unknown key, a key outside any section or a line that
 * is neither is an error, with its line number.
 */
final class FreeTdsConfReader {

  private FreeTdsConfReader() {}

  /**
   * Returns the sections, by lower-case name, each mapping its lower-case keys to their entries;
   * a section or key given twice merges, the last value winning.
   */
  static Map<String, Map<String, Entry>> read(String text) {
    Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
    Map<String, Entry> current = null;
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = sections.computeIfAbsent(sectionName(line, number), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new TdsConfigException("freetds.conf line " + number + ": '" + line
            + "' is neither [section] nor key = value");
      }
      String key = collapse(line.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (current == null) {
        throw new TdsConfigException("freetds.conf line " + number + ": '" + key
            + "' is outside any section: put it under [global] or a [server] section");
      }
      try {
        FreeTdsKeys.check(key);
      } catch (TdsConfigException e) {
        throw new TdsConfigException("freetds.conf line " + number + ": " + e.getMessage(), e);
      }
      current.put(key, new Entry(key, collapse(valueText(line.substring(eq + 1)))));
    }
    return sections;
  }

  private static String sectionName(String line, int number) {
    int close = line.indexOf(']');
    if (close < 0) {
      throw new TdsConfigException("freetds.conf line " + number + ": section header '" + line
          + "' has no closing ']'");
    }
    String name = collapse(line.substring(1, close)).toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw new TdsConfigException("freetds.conf line " + number + ": empty section name: write [servername]");
    }
    return name;
  }

  private static String valueText(String raw) {
    int end = raw.length();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ';' || c == '#') {
        end = i;
        break;
      }
    }
    return raw.substring(0, end);
  }

  /** Trims and turns every run of white space into one space. */
  static String collapse(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
