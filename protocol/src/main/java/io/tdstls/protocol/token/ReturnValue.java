package io.tdstls.protocol.token;

import io.tdstls.protocol.types.TypeInfo;
import java.util.Objects;

/**
 * RETURNVALUE ([MS-TDS] 2.2.7.18): the value of an output parameter, sent by a server after a
 * procedure's RETURNSTATUS (for example the handle {@code sp_prepare} and {@code sp_prepexec}
 * give back).
 *
 * <pre>{@code
 * new ReturnValue(0, "@handle", TypeInfo.of(TdsType.INTN, 4), 1);
 * }</pre>
 *
 * @param ordinal the parameter's position in the call, from 0
 * @param name the parameter name as the client sent it (for example {@code @handle}), possibly empty
 * @param typeInfo the value's type
 * @param value the value, in the Java type of {@link io.tdstls.protocol.types.ValueCodec}, or
 *     {@code null}
 */
public record ReturnValue(int ordinal, String name, TypeInfo typeInfo, Object value) implements Token {

  /** Status 0x01: the value is an output parameter's (0x02 would be a user-defined function's). */
  public static final int STATUS_OUTPUT = 0x01;

  /**
   * Validates.
   *
   * @param ordinal 0..0xFFFF
   * @param name at most 255 characters
   * @param typeInfo the type
   * @param value the value
   * @throws IllegalArgumentException if the ordinal or the name is out of range
   */
  public ReturnValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeInfo, "typeInfo");
    if ((ordinal & ~0xFFFF) != 0 || name.length() > 0xFF) {
      throw new IllegalArgumentException("a RETURNVALUE ordinal is 16-bit and its name at most 255 characters");
    }
  }

  @Override
  public TokenType type() {
    return TokenType.RETURNVALUE;
  }
}
