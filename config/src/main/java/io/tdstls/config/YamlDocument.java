package io.tdstls.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, with the line and column of every key and list item
 * (Jackson's tree forgets them, so a first streaming pass records them by JSON pointer).
 */
final class YamlDocument {

  private static final YAMLFactory YAML = (YAMLFactory) new YAMLFactory()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  final Path file;
  final JsonNode root;
  private final Map<String, JsonLocation> locations;

  private YamlDocument(Path file, JsonNode root, Map<String, JsonLocation> locations) {
    this.file = file;
    this.root = root;
    this.locations = locations;
  }

  static YamlDocument parse(Path file, byte[] bytes) {
    Map<String, JsonLocation> locations = new HashMap<>();
    try (JsonParser p = YAML.createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonStreamContext where = p.getParsingContext();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && where.getParent() != null) {
          where = where.getParent();
        }
        locations.putIfAbsent(where.pathAsPointer().toString(), p.currentTokenLocation());
      }
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigException(file, "", 0, 0, "the file is empty: start with a listener: section", null);
      }
      return new YamlDocument(file, root, locations);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new ConfigException(file, "", l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
          "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file, "", 0, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  JsonLocation location(String pointer) {
    JsonLocation l = locations.get(pointer);
    return l != null ? l : JsonLocation.NA;
  }

  ConfigNode rootNode() {
    return new ConfigNode(this, root, "", "");
  }
}
