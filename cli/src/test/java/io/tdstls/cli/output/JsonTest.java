package io.tdstls.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The JSON writer, read back by Jackson. */
class JsonTest {

  static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void nestedValuesRoundTrip() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("s", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
    doc.put("n", 42);
    doc.put("l", 1L << 40);
    doc.put("d", 1.5);
    doc.put("b", true);
    doc.put("null", null);
    doc.put("list", Arrays.asList(1, "two", null, List.of(), Map.of()));
    doc.put("map", Map.of("k", List.of(false)));
    String text = Json.write(doc);
    assertThat(MAPPER.readValue(text, Map.class)).isEqualTo(MAPPER.readValue(MAPPER.writeValueAsString(doc), Map.class));
    assertThat(text.indexOf("\"s\"")).isLessThan(text.indexOf("\"map\""));
  }

  @Property
  void anyStringRoundTrips(@ForAll String s) throws Exception {
    assertThat(MAPPER.readValue(Json.write(List.of(s)), List.class)).containsExactly(s);
  }

  @Test
  void nonFiniteNumbersBecomeNull() throws Exception {
    assertThat(MAPPER.readValue(Json.write(Arrays.asList(Double.NaN, 2.0)), List.class)).containsExactly(null, 2.0);
  }

  @Test
  void theLayoutIsTwoSpacesWithTheClosingBraceAlone() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", 1);
    doc.put("b", List.of("x"));
    doc.put("c", Map.of());
    assertThat(Json.write(doc)).isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ],\n  \"c\": {}\n}");
    assertThat(Json.write(new Object() {
      @Override
      public String toString() {
        return "text";
      }
    })).isEqualTo("\"text\"");
  }
}
