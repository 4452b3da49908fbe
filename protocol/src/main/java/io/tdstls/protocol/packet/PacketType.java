package io.tdstls.protocol.packet;

import io.tdstls.error.TdsProtocolException;

/** TDS packet types ([MS-TDS] 2.2.3.1.1), each with its wire code. */
public enum PacketType {
  /** SQL batch (client to server). */
  SQL_BATCH(0x01),
  /** Pre-TDS7 login (legacy; recognised, never sent). */
  PRE_TDS7_LOGIN(0x02),
  /** Remote procedure call (client to server). */
  RPC(0x03),
  /** Tabular result: every server-to-client message; some servers also use it for PRELOGIN replies. */
  TABULAR_RESULT(0x04),
  /** Attention signal (cancel). */
  ATTENTION(0x06),
  /** Bulk load data. */
  BULK_LOAD(0x07),
  /** Federated authentication token. */
  FEDAUTH_TOKEN(0x08),
  /** Transaction manager request. */
  TRANSACTION_MANAGER(0x0E),
  /** LOGIN7. */
  LOGIN7(0x10),
  /** SSPI message. */
  SSPI(0x11),
  /** PRELOGIN; in TDS 7.x it also carries the TLS handshake. */
  PRELOGIN(0x12);

  private static final PacketType[] BY_CODE = new PacketType[256];

  static {
    for (PacketType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  PacketType(int code) {
    this.code = code;
  }

  /**
   * Returns the wire code.
   *
   * @return the type byte, 0..255
   */
  public int code() {
    return code;
  }

  /**
   * Returns the type for a wire code.
   *
   * @param code the type byte
   * @return the type
   * @throws TdsProtocolException if the code is not a TDS packet type
   */
  public static PacketType fromCode(int code) throws TdsProtocolException {
    PacketType t = (code & 0xFF) == code ? BY_CODE[code] : null;
    if (t == null) {
      throw new TdsProtocolException("packet header", String.format("unknown packet type 0x%02X", code), 0);
    }
    return t;
  }

  @Override
  public String toString() {
    return String.format("%s(0x%02X)", name(), code);
  }
}
