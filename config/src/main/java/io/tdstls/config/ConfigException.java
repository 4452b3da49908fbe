package io.tdstls.config;

import io.tdstls.error.TdsConfigException;
import java.nio.file.Path;

/**
 * A configuration file is not valid. The message starts with the file, line and column, then names
 * the key (a dotted path such as {@code listener.tls.cert} or {@code routes[1].match}) and says what
 * to write instead, for example: {@code tds-tls.yaml line 7 column 9: listener.port: invalid value
 * '70000': valid values are 0..65535}. Secrets are never repeated in messages.
 */
public final class ConfigException extends TdsConfigException {

  private final transient Path file;
  private final String key;
  private final int line;
  private final int column;

  /**
   * Creates the error.
   *
   * @param file the configuration file
   * @param key the dotted key path, empty for the whole document
   * @param line the 1-based line, or 0 if unknown
   * @param column the 1-based column, or 0 if unknown
   * @param problem what is wrong and what to do
   * @param cause the underlying error, or {@code null}
   */
  public ConfigException(Path file, String key, int line, int column, String problem, Throwable cause) {
    super(file + (line > 0 ? " line " + line + " column " + column : "") + ": "
        + (key.isEmpty() ? "" : key + ": ") + problem, cause);
    this.file = file;
    this.key = key;
    this.line = line;
    this.column = column;
  }

  /**
   * Returns the configuration file.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the key at fault, as a dotted path.
   *
   * @return for example {@code listener.port}, empty for the whole document
   */
  public String key() {
    return key;
  }

  /**
   * Returns the line of the key at fault.
   *
   * @return the 1-based line, 0 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns the column of the key at fault.
   *
   * @return the 1-based column, 0 if unknown
   */
  public int column() {
    return column;
  }
}
