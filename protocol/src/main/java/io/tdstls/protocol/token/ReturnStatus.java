package io.tdstls.protocol.token;

/**
 * RETURNSTATUS ([MS-TDS] 2.2.7.18): the return value of a stored procedure.
 *
 * @param value the status
 */
public record ReturnStatus(int value) implements Token {

  @Override
  public TokenType type() {
    return TokenType.RETURNSTATUS;
  }
}
