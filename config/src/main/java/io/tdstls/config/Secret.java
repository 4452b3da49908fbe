package io.tdstls.config;

import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A secret (a password) named in the configuration file: {@code env:NAME} reads an environment
 * variable, {@code file:PATH} the first line of a file (a mounted secret; a relative path is relative to the
 * configuration file), {@code inline:VALUE} or
 * any other text is the value itself. Secrets never come from the command line. {@link #reveal()}
 * reads the source each time, so a rotated file is picked up; {@link #toString()} never shows the
 * value.
 */
public final class Secret {

  /** Where the value comes from. */
  public enum Source {
    /** An environment variable. */
    ENV,
    /** The first line of a file. */
    FILE,
    /** The configuration file itself. */
    INLINE
  }

  private final Source source;
  private final String reference;

  private Secret(Source source, String reference) {
    this.source = source;
    this.reference = reference;
  }

  /**
   * Parses a secret reference.
   *
   * @param text {@code env:NAME}, {@code file:PATH}, {@code inline:VALUE} or a plain value
   * @return the secret
   */
  public static Secret parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("env:")) {
      return new Secret(Source.ENV, text.substring(4));
    }
    if (text.startsWith("file:")) {
      return new Secret(Source.FILE, text.substring(5));
    }
    return new Secret(Source.INLINE, text.startsWith("inline:") ? text.substring(7) : text);
  }

  /** A {@code file:} secret with a relative path, resolved against a directory. */
  Secret relativeTo(Path dir) {
    if (source != Source.FILE || dir == null || Path.of(reference).isAbsolute()) {
      return this;
    }
    return new Secret(Source.FILE, dir.resolve(reference).normalize().toString());
  }

  /**
   * Returns where the value comes from.
   *
   * @return the source
   */
  public Source source() {
    return source;
  }

  /**
   * Reads the value now.
   *
   * @return the value
   * @throws TdsConfigException if the variable is not set or the file cannot be read
   */
  public String reveal() {
    switch (source) {
      case ENV:
        String v = System.getenv(reference);
        if (v == null) {
          throw new TdsConfigException("the environment variable " + reference + " is not set");
        }
        return v;
      case FILE:
        try {
          String content = Files.readString(Path.of(reference));
          int eol = content.indexOf('\n');
          return (eol < 0 ? content : content.substring(0, eol)).stripTrailing();
        } catch (IOException e) {
          throw new TdsConfigException("cannot read the secret file " + reference + ": " + e.getMessage(), e);
        }
      default:
        return reference;
    }
  }

  /** Shows where the secret comes from, never its value. */
  @Override
  public String toString() {
    return source == Source.INLINE ? "inline:***" : source.name().toLowerCase(java.util.Locale.ROOT) + ":" + reference;
  }
}
