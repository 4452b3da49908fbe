package io.tdstls.protocol.token;

import java.util.Set;

/**
 * DONE, DONEPROC or DONEINPROC ([MS-TDS] 2.2.7.6 to 2.2.7.8): a statement or procedure completed.
 *
 * <pre>{@code
 * Done d = Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.COUNT), 0xC1, 1); // 1 row
 * }</pre>
 *
 * @param type DONE, DONEPROC or DONEINPROC
 * @param status the status word (see {@link DoneStatus}), 0..0xFFFF
 * @param curCmd the token of the current command, 0..0xFFFF
 * @param rowCount the row count (8 bytes from TDS 7.2, 4 before), valid with {@link DoneStatus#COUNT}
 */
public record Done(TokenType type, int status, int curCmd, long rowCount) implements Token {

  /**
   * Validates.
   *
   * @param type DONE, DONEPROC or DONEINPROC
   * @param status 0..0xFFFF
   * @param curCmd 0..0xFFFF
   * @param rowCount the row count
   * @throws IllegalArgumentException if the type is not a DONE type or a value is out of range
   */
  public Done {
    if (type != TokenType.DONE && type != TokenType.DONEPROC && type != TokenType.DONEINPROC) {
      throw new IllegalArgumentException(type + " is not a DONE token type");
    }
    if ((status & ~0xFFFF) != 0 || (curCmd & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("DONE status and curCmd are 16-bit");
    }
  }

  /**
   * Creates a DONE-type token.
   *
   * @param type DONE, DONEPROC or DONEINPROC
   * @param status the status word
   * @param curCmd the current command
   * @param rowCount the row count
   * @return the token
   */
  public static Done of(TokenType type, int status, int curCmd, long rowCount) {
    return new Done(type, status, curCmd, rowCount);
  }

  /**
   * Returns the known status bits.
   *
   * @return a new set
   */
  public Set<DoneStatus> statusBits() {
    return DoneStatus.fromBits(status);
  }

  /**
   * Tells whether a status bit is set.
   *
   * @param bit the bit
   * @return whether it is set
   */
  public boolean has(DoneStatus bit) {
    return (status & bit.code()) != 0;
  }
}
