package io.tdstls.client.config;

import io.tdstls.error.TdsConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys of one syntax: each canonical name and its synonyms, matched case-insensitively, with
 * the canonical names listed (in order) when a key is not known.
 */
final class KeyTable {

  private final String source;
  private final Map<String, Setting> byName = new HashMap<>();
  private final List<String> canonical = new ArrayList<>();

  KeyTable(String source) {
    this.source = source;
  }

  /** Adds a key with its synonyms; the first name is the one listed in error messages. */
  KeyTable add(Setting setting, String name, String... synonyms) {
    canonical.add(name);
    byName.put(normalise(name), setting);
    for (String s : synonyms) {
      byName.put(normalise(s), setting);
    }
    return this;
  }

  /** Adds keys that are accepted and have no effect; they are not listed in error messages. */
  KeyTable ignore(String... names) {
    for (String n : names) {
      byName.put(normalise(n), Setting.IGNORED);
    }
    return this;
  }

  /**
   * Returns the setting a key stands for.
   *
   * @throws TdsConfigException if the key is not known, listing the valid keys
   */
  Setting lookUp(String key) {
    Setting s = byName.get(normalise(key));
    if (s == null) {
      throw TdsConfigException.unknownKey(source, key, canonical);
    }
    return s;
  }

  List<String> canonicalNames() {
    return List.copyOf(canonical);
  }

  private static String normalise(String key) {
    return key.trim().toLowerCase(Locale.ROOT);
  }
}
