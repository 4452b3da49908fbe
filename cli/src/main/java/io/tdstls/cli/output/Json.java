package io.tdstls.cli.output;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes plain Java values as one JSON document: maps (keys as strings, in iteration order),
 * lists, strings, numbers, booleans and {@code null}. Anything else is written as its {@code
 * toString()} text. Enough for the reports the commands print; it reads nothing.
 *
 * <pre>{@code
 * String doc = Json.write(Map.of("outcome", "full", "tls", List.of("TLSv1.2")));
 * }</pre>
 */
public final class Json {

  private Json() {}

  /**
   * Writes a value as JSON, indented by two spaces per level.
   *
   * @param value a map, list, string, number, boolean or {@code null}
   * @return the JSON text, without a trailing newline
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map) {
      writeMap((Map<?, ?>) value, out, depth);
    } else if (value instanceof List) {
      writeList((List<?>) value, out, depth);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? value.toString() : "null");
    } else {
      quote(value.toString(), out);
    }
  }

  private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      newline(out, depth + 1);
      quote(String.valueOf(e.getKey()), out);
      out.append(": ");
      write(e.getValue(), out, depth + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(out, depth);
    out.append('}');
  }

  private static void writeList(List<?> list, StringBuilder out, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      newline(out, depth + 1);
      write(list.get(i), out, depth + 1);
      if (i < list.size() - 1) {
        out.append(',');
      }
    }
    newline(out, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n').append("  ".repeat(depth));
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
