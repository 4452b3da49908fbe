package io.tdstls.client.auth;

import java.util.Objects;

/**
 * What a {@link TokenProvider} is asked for: a token for one connection.
 *
 * @param host the server host the connection goes to
 * @param port the server port
 * @param stsUrl the token service URL from the server's FEDAUTHINFO; empty for a security-token
 *     login (the provider then knows its own token service)
 * @param spn the resource (service principal name) from FEDAUTHINFO; empty for a security-token login
 */
public record TokenRequest(String host, int port, String stsUrl, String spn) {

  /**
   * Checks for nulls.
   *
   * @param host the host
   * @param port the port
   * @param stsUrl the token service URL, or empty
   * @param spn the service principal name, or empty
   */
  public TokenRequest {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stsUrl, "stsUrl");
    Objects.requireNonNull(spn, "spn");
  }
}
