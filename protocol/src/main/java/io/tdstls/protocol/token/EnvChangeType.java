package io.tdstls.protocol.token;

/** The ENVCHANGE types ([MS-TDS] 2.2.7.9), with their codes and value formats. */
public enum EnvChangeType {
  /** 1: the current database (B_VARCHAR values). */
  DATABASE(1, Format.TEXT),
  /** 2: the language. */
  LANGUAGE(2, Format.TEXT),
  /** 3: the character set (TDS 7.0). */
  CHARSET(3, Format.TEXT),
  /** 4: the packet size, as decimal text. */
  PACKET_SIZE(4, Format.TEXT),
  /** 5: the Unicode data sorting locale id. */
  UNICODE_SORTING_LOCALE(5, Format.TEXT),
  /** 6: the Unicode data sorting comparison flags. */
  UNICODE_COMPARISON_FLAGS(6, Format.TEXT),
  /** 7: the SQL collation (B_VARBYTE, 5 bytes or empty). */
  SQL_COLLATION(7, Format.BYTES),
  /** 8: begin transaction; the new value is the 8-byte transaction descriptor. */
  BEGIN_TRANSACTION(8, Format.BYTES),
  /** 9: commit transaction. */
  COMMIT_TRANSACTION(9, Format.BYTES),
  /** 10: rollback transaction. */
  ROLLBACK_TRANSACTION(10, Format.BYTES),
  /** 11: enlist DTC transaction. */
  ENLIST_DTC_TRANSACTION(11, Format.BYTES),
  /** 12: defect transaction. */
  DEFECT_TRANSACTION(12, Format.BYTES),
  /** 13: real-time log shipping (database mirroring partner). */
  DATABASE_MIRRORING_PARTNER(13, Format.TEXT),
  /** 15: promote transaction (L_VARBYTE); kept raw. */
  PROMOTE_TRANSACTION(15, Format.RAW),
  /** 16: transaction manager address; kept raw. */
  TRANSACTION_MANAGER_ADDRESS(16, Format.RAW),
  /** 17: transaction ended. */
  TRANSACTION_ENDED(17, Format.BYTES),
  /** 18: reset connection acknowledgement (both values empty). */
  RESET_CONNECTION(18, Format.BYTES),
  /** 19: user instance name. */
  USER_INSTANCE_NAME(19, Format.TEXT),
  /** 20: routing to an alternate server. */
  ROUTING(20, Format.ROUTING);

  /** How the old and new values are encoded. */
  public enum Format {
    /** B_VARCHAR new value, B_VARCHAR old value. */
    TEXT,
    /** B_VARBYTE new value, B_VARBYTE old value. */
    BYTES,
    /** The routing structure (protocol, port, server) and an empty old value. */
    ROUTING,
    /** Not interpreted: the bytes after the type are kept. */
    RAW
  }

  private final int code;
  private final Format format;

  EnvChangeType(int code, Format format) {
    this.code = code;
    this.format = format;
  }

  /**
   * Returns the type code.
   *
   * @return 1..20
   */
  public int code() {
    return code;
  }

  /**
   * Returns the value format.
   *
   * @return the format
   */
  public Format format() {
    return format;
  }

  /**
   * Returns the type of a code.
   *
   * @param code the type byte
   * @return the type, or {@code null} for a code this library does not know (kept as {@link
   *     EnvChange.Other})
   */
  public static EnvChangeType fromCode(int code) {
    for (EnvChangeType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
