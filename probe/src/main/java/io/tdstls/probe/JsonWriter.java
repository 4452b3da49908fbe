package io.tdstls.probe;

/** A minimal streaming JSON writer: objects, arrays, strings, numbers, booleans and null. */
final class JsonWriter {

  private final StringBuilder out = new StringBuilder();
  private boolean needComma;

  JsonWriter beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  JsonWriter name(String name) {
    comma();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String s) {
    comma();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long n) {
    comma();
    out.append(n);
    needComma = true;
    return this;
  }

  JsonWriter value(boolean b) {
    comma();
    out.append(b);
    needComma = true;
    return this;
  }

  JsonWriter member(String name, String s) {
    return name(name).value(s);
  }

  JsonWriter member(String name, long n) {
    return name(name).value(n);
  }

  JsonWriter member(String name, boolean b) {
    return name(name).value(b);
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
