package io.tdstls.server;

import io.tdstls.protocol.packet.TdsMessage;
import java.util.Objects;

/**
 * A session handler's answer to LOGIN7.
 *
 * @param accepted whether the login succeeded; if not, the connection is closed after the response
 * @param response the response message (LOGINACK and ENVCHANGEs, or an ERROR such as 18456)
 * @param packetSize the packet size announced in the response (used from now on)
 * @param continues the response is a challenge (an SSPI token or FEDAUTHINFO): the connection
 *     waits for the client's SSPI or FEDAUTH_TOKEN message, handed to the same handler's {@code
 *     login}
 */
public record LoginAnswer(boolean accepted, TdsMessage response, int packetSize, boolean continues) {

  /**
   * A final answer (accepted or refused).
   *
   * @param accepted whether the login succeeded
   * @param response the response
   * @param packetSize the packet size announced
   */
  public LoginAnswer(boolean accepted, TdsMessage response, int packetSize) {
    this(accepted, response, packetSize, false);
  }

  /**
   * A challenge: the login continues with another message from the client.
   *
   * @param response the tabular result carrying the SSPI token or FEDAUTHINFO
   * @return the answer
   */
  public static LoginAnswer challenge(TdsMessage response) {
    return new LoginAnswer(false, response, 4096, true);
  }

  /**
   * Checks the components.
   *
   * @param accepted see the record component
   * @param response see the record component
   * @param packetSize see the record component
   * @param continues see the record component
   */
  public LoginAnswer {
    Objects.requireNonNull(response, "response");
    if (packetSize < 512 || packetSize > 32767) {
      throw new IllegalArgumentException("packet size must be 512..32767, was " + packetSize);
    }
  }
}
