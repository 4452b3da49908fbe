package io.tdstls.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logins a server accepts ({@code users:}): a password file of {@code NAME:pbkdf2-sha256$...}
 * lines ({@code file}, made with {@code tds-tls hash-password}), and plain accounts whose passwords
 * are secrets ({@code accounts}, like {@code serve --user}).
 *
 * @param file the password file, or {@code null}
 * @param accounts user name to password, in file order
 */
public record UsersConfig(Path file, Map<String, Secret> accounts) {

  /**
   * Copies the accounts.
   *
   * @param file see the record component
   * @param accounts see the record component
   */
  public UsersConfig {
    accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }

  /**
   * Returns no users.
   *
   * @return an empty users section
   */
  public static UsersConfig none() {
    return new UsersConfig(null, Map.of());
  }

  /**
   * Tells whether any user is configured.
   *
   * @return whether a file or an account is set
   */
  public boolean isEmpty() {
    return file == null && accounts.isEmpty();
  }
}
