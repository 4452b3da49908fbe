package io.tdstls.protocol.token;

import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import io.tdstls.protocol.types.WireText;
import java.util.List;
import java.util.Objects;

/**
 * One column of a COLMETADATA token ([MS-TDS] 2.2.7.4).
 *
 * @param userType the user type id (0 for built-in types)
 * @param flags the column flags, 0..0xFFFF (see the named accessors)
 * @param typeInfo the data type
 * @param name the column name, at most 255 characters, possibly empty
 * @param tableName the parts of the table name, sent only for text, ntext and image columns
 *     (empty for the other types)
 */
public record Column(int userType, int flags, TypeInfo typeInfo, String name, List<String> tableName) {

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
   * @param name the column name; cut to 255 characters (it may come from a query's alias)
   * @param tableName the table name parts (text, ntext and image only; copied)
   * @throws IllegalArgumentException if the flags or the part count are out of range, or a table name
   *     is given for another type
   */
  public Column {
    Objects.requireNonNull(typeInfo, "typeInfo");
    Objects.requireNonNull(name, "name");
    name = WireText.cut(name, WireText.B_VARCHAR_MAX);
    tableName = tableName.stream().map(part -> WireText.cut(part, WireText.US_VARCHAR_MAX)).toList();
    if ((flags & ~0xFFFF) != 0 || tableName.size() > 0xFF) {
      throw new IllegalArgumentException("column flags are 16-bit and table names at most 255 parts");
    }
    if (!tableName.isEmpty() && !hasTableName(typeInfo.type())) {
      throw new IllegalArgumentException("only text, ntext and image columns carry a table name");
    }
  }

  /**
   * Creates a column without a table name.
   *
   * @param userType the user type id
   * @param flags 0..0xFFFF
   * @param typeInfo the data type
   * @param name the column name
   */
  public Column(int userType, int flags, TypeInfo typeInfo, String name) {
    this(userType, flags, typeInfo, name, List.of());
  }

  /**
   * Tells whether COLMETADATA carries a table name for columns of a type.
   *
   * @param type the data type
   * @return for TEXT, NTEXT and IMAGE
   */
  public static boolean hasTableName(TdsType type) {
    return type == TdsType.TEXT || type == TdsType.NTEXT || type == TdsType.IMAGE;
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
