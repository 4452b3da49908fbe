package io.tdstls.server;

import io.tdstls.protocol.packet.TdsMessage;
import java.util.Objects;

/**
 * A session handler's answer to LOGIN7.
 *
 * @param accepted whether the login succeeded; if not, the connection is closed after the response
 * @param response the response message (LOGINACK and ENVCHANGEs, or an ERROR such as 18456)
 * @param packetSize the packet size announced in the response (used from now on)
 */
public record LoginAnswer(boolean accepted, TdsMessage response, int packetSize) {

  /**
   * Checks the components.
   *
   * @param accepted see the record component
   * @param response see the record component
   * @param packetSize see the record component
   */
  public LoginAnswer {
    Objects.requireNonNull(response, "response");
    if (packetSize < 512 || packetSize > 32767) {
      throw new IllegalArgumentException("packet size must be 512..32767, was " + packetSize);
    }
  }
}
