package io.tdstls.client.auth;

import io.tdstls.error.TdsException;

/**
 * Supplies an access token (for Entra ID, a JWT) for a federated-authentication login. It is called
 * once per connection, so it may refresh or cache tokens as it sees fit. Implementations must not
 * log the token.
 */
@FunctionalInterface
public interface TokenProvider {

  /**
   * Returns a token for the connection described.
   *
   * @param request the server and, for the information-request flow, the STS URL and SPN it named
   * @return the token text
   * @throws TdsException if no token can be obtained (use {@link io.tdstls.error.TdsConfigException}
   *     for a setup problem)
   */
  String token(TokenRequest request) throws TdsException;
}
