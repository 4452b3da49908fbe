package io.tdstls.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes plain Java values as one JSON document through Jackson's streaming generator: maps (keys
 * as strings, in iteration order), lists, strings, numbers, booleans and {@code null}; a
 * non-finite number is written as {@code null}, anything else as its {@code toString()} text.
 * Two-space indentation, {@code "key": value}, the closing brace of the document on its own line.
 * The one JSON writer of the {@code tds-tls} commands; it reads nothing.
 *
 * <pre>{@code
 * String doc = Json.write(Map.of("outcome", "full", "tls", List.of("TLSv1.2")));
 * Json.write(bigResult, System.out);   // streamed, never held as one string
 * }</pre>
 */
public final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""));

  static {
    PRETTY.indentObjectsWith(INDENT);
    PRETTY.indentArraysWith(INDENT);
  }

  private Json() {}

  /**
   * Writes a value as JSON, indented by two spaces per level.
   *
   * @param value a map, list, string, number, boolean or {@code null}
   * @return the JSON text, without a trailing newline
   */
  public static String write(Object value) {
    StringWriter out = new StringWriter();
    write(value, out);
    return out.toString();
  }

  /**
   * Streams a value as JSON to a writer (not closed), indented by two spaces per level.
   *
   * @param value a map, list, string, number, boolean or {@code null}
   * @param out where the text goes, without a trailing newline
   * @throws UncheckedIOException if the writer fails
   */
  public static void write(Object value, Writer out) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
      value(value, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void value(Object v, JsonGenerator g) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(item, g);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeNull();
      }
    } else {
      g.writeString(v.toString());
    }
  }
}
