package io.tdstls.config;

import java.util.Objects;

/**
 * A backend SQL login a gateway holds ({@code routes[i].credentials.NAME}): never from the command
 * line; the password is a {@link Secret} ({@code env:}, {@code file:} or inline).
 *
 * @param user the SQL login name
 * @param password its password
 */
public record Credentials(String user, Secret password) {

  /**
   * Checks the components.
   *
   * @param user see the record component
   * @param password see the record component
   */
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Names the user, never the password. */
  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=" + password + "]";
  }
}
