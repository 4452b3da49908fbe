package io.tdstls.server.auth;

import io.tdstls.error.AuthenticationException;

/**
 * Decides whether a federated-authentication token (from a LOGIN7 FEDAUTH FeatureExt or a
 * FEDAUTH_TOKEN message) is accepted, and who it names. Implementations must not log the token.
 */
@FunctionalInterface
public interface TokenAuthenticator {

  /**
   * Validates a token.
   *
   * @param token the token text
   * @return the authenticated principal (for example a UPN)
   * @throws AuthenticationException if the token is refused; the message says why (expired, wrong
   *     audience, bad signature...) without quoting the token
   */
  String authenticate(String token) throws AuthenticationException;
}
