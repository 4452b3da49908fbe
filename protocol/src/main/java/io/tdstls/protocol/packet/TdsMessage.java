package io.tdstls.protocol.packet;

/**
 * A whole TDS message: the payloads of its packets, concatenated.
 *
 * @param type the packet type shared by all of the message's packets
 * @param status the status byte of the first packet, without the EOM bit (for example
 *     {@link PacketStatus#RESET_CONNECTION})
 * @param payload the message bytes, without packet headers
 */
public record TdsMessage(PacketType type, int status, byte[] payload) {

  /**
   * Creates a message with no special status bits.
   *
   * @param type the packet type
   * @param payload the message bytes
   */
  public TdsMessage(PacketType type, byte[] payload) {
    this(type, 0, payload);
  }
}
