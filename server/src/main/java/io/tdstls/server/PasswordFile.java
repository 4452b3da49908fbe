package io.tdstls.server;

import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link Authenticator} over a file of {@code NAME:HASH} lines, one user a line, where HASH is a
 * {@link PasswordHash} ({@code pbkdf2-sha256$...}, made by {@code tds-tls hash-password}). Blank
 * lines and lines starting with {@code #} are skipped. The file is read once; load it again to
 * pick up changes.
 *
 * <p>An unknown user costs the same hash computation as a known one, so the time taken does not
 * tell which users exist.
 */
public final class PasswordFile implements Authenticator {

  private final Path file;
  private final Map<String, PasswordHash> users;
  private final PasswordHash decoy;

  private PasswordFile(Path file, Map<String, PasswordHash> users) {
    this.file = file;
    this.users = Collections.unmodifiableMap(users);
    this.decoy = users.values().stream().findFirst()
        .orElseGet(() -> PasswordHash.create(new char[] {'x'}, PasswordHash.MIN_ITERATIONS));
  }

  /**
   * Reads a password file.
   *
   * @param file the file
   * @return the authenticator
   * @throws TdsConfigException if the file cannot be read, or a line is not {@code NAME:HASH}
   *     (the message names the file and the line number, never the hash)
   */
  public static PasswordFile load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new TdsConfigException("cannot read the users file " + file + ": " + e.getMessage(), e);
    }
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new TdsConfigException(where + ": not NAME:HASH (make a line with tds-tls hash-password --user NAME)");
      }
      String name = line.substring(0, colon);
      if (users.containsKey(name)) {
        throw new TdsConfigException(where + ": user '" + name + "' is listed twice");
      }
      try {
        users.put(name, PasswordHash.parse(line.substring(colon + 1)));
      } catch (TdsConfigException e) {
        throw new TdsConfigException(where + " (user '" + name + "'): " + e.getMessage(), e);
      }
    }
    return new PasswordFile(file, users);
  }

  @Override
  public boolean authenticate(String user, String password) {
    PasswordHash hash = users.get(user);
    boolean match = (hash != null ? hash : decoy).matches(password.toCharArray());
    return hash != null && match;
  }

  /**
   * Returns the user names, in file order.
   *
   * @return the names
   */
  public Set<String> userNames() {
    return users.keySet();
  }

  /**
   * Returns the file this was read from.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }
}
