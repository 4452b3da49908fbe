package io.tdstls.protocol.token;

import io.tdstls.protocol.types.TypeInfo;
import java.util.Objects;

/**
 * One column of a COLMETADATA token ([MS-TDS] 2.2.7.4).
 *
 * @param userType the user type id (0 for built-in types)
 * @param flags the column flags, 0..0xFFFF (see the named accessors)
 * @param typeInfo the data type
 * @param name the column name, at most 255 characters, possibly empty
 */
public record Column(int userType, int flags, TypeInfo typeInfo, String name) {

  /** Flag fNullable. */
  public static final int FLAG_NULLABLE = 0x0001;
  /** Flag fCaseSen. */
  public static final int FLAG_CASE_SENSITIVE = 0x0002;
  /** Flags usUpdateable (2 bits): 0 read-only, 1 read/write, 2 unknown. */
  public static final int FLAG_UPDATEABLE_MASK = 0x000C;
  /** Flag fIdentity. */
  public static final int FLAG_IDENTITY = 0x0010;
  /** Flag fComputed. */
  public static final int FLAG_COMPUTED = 0x0020;

  /**
   * Validates.
   *
   * @param userType the user type id
   * @param flags 0..0xFFFF
   * @param typeInfo the data type
   * @param name the column name
   * @throws IllegalArgumentException if the flags or the name are out of range
   */
  public Column {
    Objects.requireNonNull(typeInfo, "typeInfo");
    Objects.requireNonNull(name, "name");
    if ((flags & ~0xFFFF) != 0 || name.length() > 0xFF) {
      throw new IllegalArgumentException("column flags are 16-bit and names at most 255 characters");
    }
  }

  /**
   * Creates a nullable column with user type 0.
   *
   * @param name the column name
   * @param typeInfo the data type
   * @return the column
   */
  public static Column nullable(String name, TypeInfo typeInfo) {
    return new Column(0, FLAG_NULLABLE, typeInfo, name);
  }

  /**
   * Tells whether fNullable is set.
   *
   * @return whether the column can hold NULL
   */
  public boolean isNullable() {
    return (flags & FLAG_NULLABLE) != 0;
  }

  /**
   * Tells whether fIdentity is set.
   *
   * @return whether the column is an identity column
   */
  public boolean isIdentity() {
    return (flags & FLAG_IDENTITY) != 0;
  }
}
