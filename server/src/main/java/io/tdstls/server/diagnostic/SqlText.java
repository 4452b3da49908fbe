package io.tdstls.server.diagnostic;

import java.util.ArrayList;
import java.util.List;

/** Lexical helpers for the diagnostic endpoint: statements, lists, quotes, comments. */
final class SqlText {

  private static final java.util.regex.Pattern STATEMENT_START = java.util.regex.Pattern.compile(
      "(set|select|use|exec|execute|begin\\s+tran|commit|rollback|save\\s+tran|if)(\\s|$)");

  private SqlText() {}

  /** Splits a batch into statements: on ';' outside quotes, and before each SET/SELECT/USE line. */
  static List<String> statements(String batch) {
    List<String> out = new ArrayList<>();
    for (String piece : split(stripComments(batch), ';')) {
      StringBuilder current = new StringBuilder();
      for (String line : piece.split("\\r?\\n")) {
        String t = line.trim();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        boolean starts = STATEMENT_START.matcher(lower).lookingAt();
        if (starts && current.length() > 0 && quotesBalanced(current)) {
          out.add(current.toString().trim());
          current.setLength(0);
        }
        current.append(line).append('\n');
      }
      if (!current.toString().isBlank()) {
        out.add(current.toString().trim().replaceAll("\\s+", " "));
      }
    }
    out.replaceAll(s -> s.replaceAll("\\s+", " ").trim());
    out.removeIf(String::isEmpty);
    return out;
  }

  private static boolean quotesBalanced(CharSequence s) {
    int quotes = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'') {
        quotes++;
      }
    }
    return quotes % 2 == 0;
  }

  /** Splits a select list on commas outside quotes and parentheses. */
  static List<String> splitList(String list) {
    return split(list, ',');
  }

  private static List<String> split(String s, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
      if (c == separator && !quoted && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  static String stripComments(String s) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted && c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        out.append('\n');
        continue;
      }
      if (!quoted && c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 1;
        out.append(' ');
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Removes the quotes of {@code 'it''s'}; null if the quoting is broken. */
  static String unquote(String quoted) {
    String inner = quoted.substring(1, quoted.length() - 1);
    if (inner.replace("''", "").contains("'")) {
      return null;
    }
    return inner.replace("''", "'");
  }

  static String firstWord(String s) {
    String t = s.trim();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '(' && t.charAt(end) != ',') {
      end++;
    }
    return end == 0 ? t : t.substring(0, end);
  }
}
