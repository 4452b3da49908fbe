package io.tdstls.protocol.packet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A whole TDS message: the payloads of its packets, concatenated. Immutable: the payload is copied
 * in and out, and two messages are equal when type, status and payload bytes are.
 *
 * @param type the packet type shared by all of the message's packets
 * @param status the status byte of the first packet, without the EOM bit (for example
 *     {@link PacketStatus#RESET_CONNECTION})
 * @param payload the message bytes, without packet headers
 */
public record TdsMessage(PacketType type, int status, byte[] payload) {

  private static final int PREVIEW_BYTES = 32;

  /**
   * Validates the fields and copies the payload.
   *
   * @param type see the record component
   * @param status see the record component; 0..255
   * @param payload see the record component
   */
  public TdsMessage {
    if (type == null || payload == null) {
      throw new IllegalArgumentException("type and payload must not be null");
    }
    if (status < 0 || status > 0xFF) {
      throw new IllegalArgumentException("status must be 0..255, was " + status);
    }
    payload = payload.clone();
  }

  /**
   * Creates a message with no special status bits.
   *
   * @param type the packet type
   * @param payload the message bytes
   */
  public TdsMessage(PacketType type, byte[] payload) {
    this(type, 0, payload);
  }

  /**
   * Returns the message bytes.
   *
   * @return a copy of the payload
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TdsMessage m && type == m.type && status == m.status && Arrays.equals(payload, m.payload);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + status) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "TdsMessage[type=" + type + ", status=" + status + ", payload=" + hexPreview(payload) + "]";
  }

  /** Formats the length and the first bytes of a payload in hex. */
  static String hexPreview(byte[] bytes) {
    int shown = Math.min(bytes.length, PREVIEW_BYTES);
    return bytes.length + " bytes " + HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "..." : "");
  }
}
