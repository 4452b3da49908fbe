package io.tdstls.error;

import java.util.Collection;

/**
 * A configuration key or value is not valid. Thrown while a configuration is being built or
 * parsed (builder, connection string, freetds.conf), never during I/O. The message names the bad
 * key or value and lists the valid ones: nothing falls back silently.
 */
public class TdsConfigException extends IllegalArgumentException {

  /**
   * Creates a configuration error.
   *
   * @param message what is wrong and what to do instead
   */
  public TdsConfigException(String message) {
    super(message);
  }

  /**
   * Creates a configuration error with a cause (for example, an unreadable certificate file).
   *
   * @param message what is wrong and what to do instead
   * @param cause the underlying error
   */
  public TdsConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error for a value that is not one of a known set.
   *
   * @param what the setting, for example {@code "encryption"}
   * @param value the value given
   * @param valid the accepted values
   * @return the error, listing the accepted values
   */
  public static TdsConfigException invalidValue(String what, String value, Collection<String> valid) {
    return new TdsConfigException(
        "invalid " + what + " '" + value + "': valid values are " + String.join(", ", valid));
  }

  /**
   * Creates the error for a key that is not known.
   *
   * @param source where the key was found, for example {@code "connection string"}
   * @param key the unknown key
   * @param valid the accepted keys
   * @return the error, listing the accepted keys
   */
  public static TdsConfigException unknownKey(String source, String key, Collection<String> valid) {
    return new TdsConfigException(
        "unknown " + source + " key '" + key + "': valid keys are " + String.join(", ", valid));
  }
}
