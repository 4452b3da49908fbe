package io.tdstls.protocol.packet;

/**
 * Bits of the TDS packet header's status byte ([MS-TDS] 2.2.3.1.2), each with its wire code. A
 * status byte is a combination of these bits; unknown bits are preserved by {@link PacketHeader}.
 */
public enum PacketStatus {
  /** End of message: the last packet of a message. */
  END_OF_MESSAGE(0x01),
  /** The receiver ignores this message (used with {@link #END_OF_MESSAGE} to cancel). */
  IGNORE(0x02),
  /** Reset the connection before processing the request. */
  RESET_CONNECTION(0x08),
  /** Reset the connection but keep the transaction state. */
  RESET_CONNECTION_SKIP_TRAN(0x10);

  private final int bit;

  PacketStatus(int bit) {
    this.bit = bit;
  }

  /**
   * Returns the bit in the status byte.
   *
   * @return the bit value
   */
  public int bit() {
    return bit;
  }

  /**
   * Tells whether this bit is set in a status byte.
   *
   * @param status a status byte
   * @return whether the bit is set
   */
  public boolean isSetIn(int status) {
    return (status & bit) != 0;
  }
}
