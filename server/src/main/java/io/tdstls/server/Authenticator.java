package io.tdstls.server;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decides whether a SQL Server login (user name and password from LOGIN7) is accepted. */
@FunctionalInterface
public interface Authenticator {

  /**
   * Checks a login.
   *
   * @param user the user name from LOGIN7
   * @param password the de-obfuscated password from LOGIN7
   * @return whether the login is accepted
   */
  boolean authenticate(String user, String password);

  /**
   * Returns an authenticator over a fixed set of users. Passwords are compared in constant time.
   *
   * @param users user name to password
   * @return the authenticator
   */
  static Authenticator users(Map<String, String> users) {
    Map<String, String> copy = Map.copyOf(users);
    return (user, password) -> {
      String expected = copy.get(user);
      return expected != null && MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    };
  }
}
