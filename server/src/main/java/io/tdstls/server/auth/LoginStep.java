package io.tdstls.server.auth;

import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.token.Token;
import java.util.List;

/** What the server answers to one login message (LOGIN7, SSPI or FEDAUTH_TOKEN). */
public sealed interface LoginStep {

  /**
   * The client is authenticated.
   *
   * @param facts how, and who
   * @param beforeAck tokens to send before LOGINACK (the final SSPI token of Kerberos mutual
   *     authentication)
   * @param featureAcks features to acknowledge in FEATUREEXTACK (FEDAUTH for token logins)
   */
  record Accepted(AuthFacts facts, List<Token> beforeAck, List<FeatureExt> featureAcks) implements LoginStep {
    /**
     * Copies.
     *
     * @param facts how, and who
     * @param beforeAck tokens before LOGINACK
     * @param featureAcks features to acknowledge
     */
    public Accepted {
      beforeAck = List.copyOf(beforeAck);
      featureAcks = List.copyOf(featureAcks);
    }
  }

  /**
   * The server needs another message from the client: the tokens (an SSPI token, or FEDAUTHINFO)
   * go alone in a tabular result.
   *
   * @param tokens the challenge tokens
   */
  record Challenge(List<Token> tokens) implements LoginStep {
    /**
     * Copies.
     *
     * @param tokens the challenge tokens
     */
    public Challenge {
      tokens = List.copyOf(tokens);
    }
  }

  /**
   * The login is refused with SQL Server's error.
   *
   * @param number the error number (18456 login failed, 18452 integrated login failed)
   * @param message the error text sent to the client
   * @param reason the detail for the server log
   */
  record Refused(int number, String message, String reason) implements LoginStep {}
}
