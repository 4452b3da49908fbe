package io.tdstls.cli.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of tds-tls itself, written into the jar at build time. */
public final class ToolVersion {

  private static final String RESOURCE = "/tds-tls-version.properties";

  private ToolVersion() {}

  /**
   * Returns the project version the jar was built from.
   *
   * @return for example {@code 0.1.0-SNAPSHOT}; {@code unknown} when run outside a build
   */
  public static String get() {
    try (InputStream in = ToolVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
