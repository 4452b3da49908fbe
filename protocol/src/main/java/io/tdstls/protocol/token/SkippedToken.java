package io.tdstls.protocol.token;

import java.util.Arrays;

/**
 * A token the decoder does not interpret but could delimit (SSPI, FEDAUTHINFO, SESSIONSTATE,
 * RETURNVALUE, TABNAME, COLINFO, OFFSET): its type and the bytes after the token byte (including
 * any length field), kept so that callers can log or forward them.
 *
 * @param type the token type
 * @param data the raw token body (copied)
 */
public record SkippedToken(TokenType type, byte[] data) implements Token {

  /**
   * Copies.
   *
   * @param type the token type
   * @param data the raw token body
   */
  public SkippedToken {
    data = data.clone();
  }

  /**
   * Returns a copy of the raw token body.
   *
   * @return the bytes
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SkippedToken s && s.type == type && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SkippedToken[" + type + ", " + data.length + " bytes]";
  }
}
