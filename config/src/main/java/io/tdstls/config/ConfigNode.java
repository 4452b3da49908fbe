package io.tdstls.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tdstls.error.TdsConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One node of the configuration tree with its key path and location, and the typed readers that
 * turn a bad value into a {@link ConfigException} naming the key and the line.
 */
final class ConfigNode {

  private final YamlDocument doc;
  private final JsonNode json;
  private final String key;
  private final String pointer;

  ConfigNode(YamlDocument doc, JsonNode json, String key, String pointer) {
    this.doc = doc;
    this.json = json;
    this.key = key;
    this.pointer = pointer;
  }

  String key() {
    return key;
  }

  boolean present() {
    return !json.isMissingNode() && !json.isNull();
  }

  ConfigException error(String problem) {
    return error(problem, null);
  }

  ConfigException error(String problem, Throwable cause) {
    JsonLocation l = doc.location(pointer);
    return new ConfigException(doc.file, key, l.getLineNr() < 0 ? 0 : l.getLineNr(),
        l.getColumnNr() < 0 ? 0 : l.getColumnNr(), problem, cause);
  }

  /** Runs a conversion, turning its TdsConfigException into one that names this key and line. */
  <T> T convert(Function<String, T> parser) {
    try {
      return parser.apply(text());
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), e);
    }
  }

  ConfigNode get(String name) {
    JsonNode child = json.isObject() ? json.get(name) : null;
    return new ConfigNode(doc, child == null ? MissingNode.getInstance() : child,
        key.isEmpty() ? name : key + "." + name, pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
  }

  /** Requires a mapping whose keys are all among the valid ones. */
  ConfigNode object(Set<String> valid) {
    if (!json.isObject()) {
      throw error("must be a mapping with the keys " + String.join(", ", valid));
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!valid.contains(name)) {
        throw get(name).error("unknown key: valid keys here are " + String.join(", ", valid));
      }
    }
    return this;
  }

  /** Returns the entries of a mapping with free keys (user names, credential names). */
  List<Map.Entry<String, ConfigNode>> entries() {
    if (!json.isObject()) {
      throw error("must be a mapping of names to values");
    }
    List<Map.Entry<String, ConfigNode>> out = new ArrayList<>();
    json.fieldNames().forEachRemaining(n -> out.add(Map.entry(n, get(n))));
    return out;
  }

  List<ConfigNode> items() {
    if (!present()) {
      return List.of();
    }
    if (!json.isArray()) {
      throw error("must be a list (items starting with '- ')");
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      out.add(new ConfigNode(doc, json.get(i), key + "[" + i + "]", pointer + "/" + i));
    }
    return out;
  }

  String text() {
    if (!json.isValueNode()) {
      throw error("must be a single value, not a " + (json.isArray() ? "list" : "mapping"));
    }
    return json.asText();
  }

  String text(String dflt) {
    return present() ? text() : dflt;
  }

  int integer(int min, int max, int dflt) {
    if (!present()) {
      return dflt;
    }
    if (!json.canConvertToInt() || !json.isIntegralNumber() || json.intValue() < min || json.intValue() > max) {
      throw error("invalid value '" + text() + "': valid values are " + min + ".." + max);
    }
    return json.intValue();
  }

  boolean bool(boolean dflt) {
    if (!present()) {
      return dflt;
    }
    if (!json.isBoolean()) {
      throw error("invalid value '" + text() + "': valid values are true, false");
    }
    return json.booleanValue();
  }

  /** A duration: whole seconds ({@code 30}), or a number with {@code ms}, {@code s}, {@code m}, {@code h}. */
  Duration duration(Duration dflt) {
    if (!present()) {
      return dflt;
    }
    String t = text().trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw error("invalid duration '" + text() + "': write whole seconds (30) or 500ms, 30s, 5m, 1h");
    }
  }

  /** A file path; a relative one is resolved against the configuration file's directory. */
  Path path() {
    if (!present()) {
      return null;
    }
    String t = text();
    if (t.isBlank()) {
      throw error("is empty: give a file path");
    }
    Path p = Path.of(t);
    Path dir = doc.file.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
  }

  List<Path> paths() {
    if (present() && json.isValueNode()) {
      return List.of(path());
    }
    List<Path> out = new ArrayList<>();
    for (ConfigNode item : items()) {
      out.add(item.path());
    }
    return List.copyOf(out);
  }

  /** An enum constant spelt in lower case with dashes, as on the command line. */
  <E extends Enum<E>> E choice(Class<E> type, E dflt) {
    return present() ? convert(t -> OptionNames.parse("value", t, type)) : dflt;
  }

  Secret secret() {
    if (!present()) {
      return null;
    }
    Secret s = Secret.parse(text()).relativeTo(doc.file.toAbsolutePath().getParent());
    try {
      s.reveal();
    } catch (TdsConfigException e) {
      throw error(e.getMessage(), e);
    }
    return s;
  }
}
