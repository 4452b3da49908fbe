package io.tdstls.protocol.token;

import java.util.Arrays;

/**
 * SSPI (0xED, [MS-TDS] 2.2.7.22): one server-to-client SSPI/SPNEGO message during an integrated
 * login. Layout after the token byte: a USHORT length, then the opaque bytes.
 *
 * @param data the SSPI bytes (copied)
 */
public record SspiToken(byte[] data) implements Token {

  /**
   * Copies.
   *
   * @param data the SSPI bytes, at most 65535
   * @throws IllegalArgumentException if longer than 65535 bytes
   */
  public SspiToken {
    if (data.length > 0xFFFF) {
      throw new IllegalArgumentException("an SSPI token holds at most 65535 bytes, was " + data.length);
    }
    data = data.clone();
  }

  /**
   * Returns a copy of the SSPI bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public TokenType type() {
    return TokenType.SSPI;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SspiToken s && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SspiToken[" + data.length + " bytes]";
  }
}
