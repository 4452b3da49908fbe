package io.tdstls.protocol.token;

import io.tdstls.error.TdsProtocolException;

/** The token types of a tabular result ([MS-TDS] 2.2.7), with their token bytes. */
public enum TokenType {
  /** ALTMETADATA (0x88): COMPUTE clause metadata; not decoded. */
  ALTMETADATA(0x88),
  /** ALTROW (0xD3): COMPUTE clause row; not decoded. */
  ALTROW(0xD3),
  /** COLINFO (0xA5): browse-mode column information; skipped by its length. */
  COLINFO(0xA5),
  /** COLMETADATA (0x81): the columns of the rows that follow. */
  COLMETADATA(0x81),
  /** DATACLASSIFICATION (0xA3): sensitivity labels; not decoded. */
  DATACLASSIFICATION(0xA3),
  /** DONE (0xFD): a statement completed. */
  DONE(0xFD),
  /** DONEINPROC (0xFF): a statement inside a procedure completed. */
  DONEINPROC(0xFF),
  /** DONEPROC (0xFE): a procedure completed. */
  DONEPROC(0xFE),
  /** ENVCHANGE (0xE3): an environment change (database, packet size, routing...). */
  ENVCHANGE(0xE3),
  /** ERROR (0xAA): an error message. */
  ERROR(0xAA),
  /** FEATUREEXTACK (0xAE): the server's answer to the LOGIN7 FeatureExt block. */
  FEATUREEXTACK(0xAE),
  /** FEDAUTHINFO (0xEE): federated authentication information; skipped by its length. */
  FEDAUTHINFO(0xEE),
  /** INFO (0xAB): an informational message. */
  INFO(0xAB),
  /** LOGINACK (0xAD): the login succeeded. */
  LOGINACK(0xAD),
  /** NBCROW (0xD2): a row with a null bitmap. */
  NBCROW(0xD2),
  /** OFFSET (0x78): keyword offsets in the batch; skipped (4 bytes). */
  OFFSET(0x78),
  /** ORDER (0xA9): the ORDER BY columns. */
  ORDER(0xA9),
  /** RETURNSTATUS (0x79): a procedure's return value. */
  RETURNSTATUS(0x79),
  /** RETURNVALUE (0xAC): an output parameter; parsed and kept as raw bytes. */
  RETURNVALUE(0xAC),
  /** ROW (0xD1): a row. */
  ROW(0xD1),
  /** SESSIONSTATE (0xE4): session state for connection resiliency; skipped by its length. */
  SESSIONSTATE(0xE4),
  /** SSPI (0xED): an SSPI challenge; kept as raw bytes. */
  SSPI(0xED),
  /** TABNAME (0xA4): browse-mode table names; skipped by its length. */
  TABNAME(0xA4);

  private final int code;

  TokenType(int code) {
    this.code = code;
  }

  /**
   * Returns the token byte.
   *
   * @return for example {@code 0xFD} for DONE
   */
  public int code() {
    return code;
  }

  /**
   * Returns the token type of a token byte.
   *
   * @param code the token byte
   * @param offset where it was read, for the error
   * @return the type
   * @throws TdsProtocolException if the byte is not a known token (an unknown token cannot be
   *     skipped, because its length format is unknown)
   */
  public static TokenType fromCode(int code, int offset) throws TdsProtocolException {
    for (TokenType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new TdsProtocolException("token stream", String.format("unknown token 0x%02X: it cannot"
        + " be skipped because its length format is unknown", code), offset);
  }
}
