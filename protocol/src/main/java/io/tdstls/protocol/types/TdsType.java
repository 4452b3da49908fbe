package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;

/**
 * The TDS data types ([MS-TDS] 2.2.5.4), each with its wire code and the shape of its TYPE_INFO
 * and value.
 *
 * <p>Fixed-length types (INT4, DATETIME...) carry no length and cannot be NULL; the nullable
 * "N" variants (INTN, DATETIMN...) carry a 1-byte length where 0 means NULL. The legacy codes
 * (CHAR, VARCHAR, TEXT, NTEXT, IMAGE...) are supported; UDT and SSVARIANT are recognised but
 * not decoded (see {@link #isSupported()}).
 */
public enum TdsType {
  /** NULLTYPE: the column is always NULL (0 bytes). */
  NULL(0x1F, Format.FIXED, 0),
  /** tinyint, unsigned 0..255. Decoded as {@link Short}. */
  INT1(0x30, Format.FIXED, 1),
  /** bit. Decoded as {@link Boolean}. */
  BIT(0x32, Format.FIXED, 1),
  /** smallint. Decoded as {@link Short}. */
  INT2(0x34, Format.FIXED, 2),
  /** int. Decoded as {@link Integer}. */
  INT4(0x38, Format.FIXED, 4),
  /** bigint. Decoded as {@link Long}. */
  INT8(0x7F, Format.FIXED, 8),
  /** smalldatetime. Decoded as {@link java.time.LocalDateTime}. */
  DATETIM4(0x3A, Format.FIXED, 4),
  /** real. Decoded as {@link Float}. */
  FLT4(0x3B, Format.FIXED, 4),
  /** money. Decoded as {@link java.math.BigDecimal} with scale 4. */
  MONEY(0x3C, Format.FIXED, 8),
  /** datetime. Decoded as {@link java.time.LocalDateTime}, rounded to the millisecond. */
  DATETIME(0x3D, Format.FIXED, 8),
  /** float. Decoded as {@link Double}. */
  FLT8(0x3E, Format.FIXED, 8),
  /** smallmoney. Decoded as {@link java.math.BigDecimal} with scale 4. */
  MONEY4(0x7A, Format.FIXED, 4),
  /** uniqueidentifier. Decoded as {@link java.util.UUID}. */
  GUID(0x24, Format.BYTE_LEN, 0),
  /** Nullable integer of 1, 2, 4 or 8 bytes: {@link Short}, {@link Short}, {@link Integer}, {@link Long}. */
  INTN(0x26, Format.BYTE_LEN, 0),
  /** Legacy decimal (1-byte length, precision, scale). Decoded as {@link java.math.BigDecimal}. */
  DECIMAL(0x37, Format.BYTE_LEN, 0),
  /** Legacy numeric. Decoded as {@link java.math.BigDecimal}. */
  NUMERIC(0x3F, Format.BYTE_LEN, 0),
  /** Nullable bit. Decoded as {@link Boolean}. */
  BITN(0x68, Format.BYTE_LEN, 0),
  /** decimal. Decoded as {@link java.math.BigDecimal} with the column's scale. */
  DECIMALN(0x6A, Format.BYTE_LEN, 0),
  /** numeric. Decoded as {@link java.math.BigDecimal} with the column's scale. */
  NUMERICN(0x6C, Format.BYTE_LEN, 0),
  /** Nullable real (4) or float (8): {@link Float} or {@link Double}. */
  FLTN(0x6D, Format.BYTE_LEN, 0),
  /** Nullable smallmoney (4) or money (8). Decoded as {@link java.math.BigDecimal}. */
  MONEYN(0x6E, Format.BYTE_LEN, 0),
  /** Nullable smalldatetime (4) or datetime (8). Decoded as {@link java.time.LocalDateTime}. */
  DATETIMN(0x6F, Format.BYTE_LEN, 0),
  /** date (TDS 7.3). Decoded as {@link java.time.LocalDate}. */
  DATEN(0x28, Format.DATE, 0),
  /** time(n) (TDS 7.3). Decoded as {@link java.time.LocalTime}. */
  TIMEN(0x29, Format.SCALED, 0),
  /** datetime2(n) (TDS 7.3). Decoded as {@link java.time.LocalDateTime}. */
  DATETIME2N(0x2A, Format.SCALED, 0),
  /** datetimeoffset(n) (TDS 7.3). Decoded as {@link java.time.OffsetDateTime}. */
  DATETIMEOFFSETN(0x2B, Format.SCALED, 0),
  /** Legacy char (1-byte length). Decoded as {@link String}. */
  CHAR(0x2F, Format.BYTE_LEN, 0),
  /** Legacy varchar (1-byte length). Decoded as {@link String}. */
  VARCHAR(0x27, Format.BYTE_LEN, 0),
  /** Legacy binary (1-byte length). Decoded as {@code byte[]}. */
  BINARY(0x2D, Format.BYTE_LEN, 0),
  /** Legacy varbinary (1-byte length). Decoded as {@code byte[]}. */
  VARBINARY(0x25, Format.BYTE_LEN, 0),
  /** varbinary(n) and varbinary(max) (PLP). Decoded as {@code byte[]}. */
  BIGVARBIN(0xA5, Format.USHORT_LEN, 0),
  /** varchar(n) and varchar(max) (PLP). Decoded as {@link String} in the collation's charset. */
  BIGVARCHR(0xA7, Format.USHORT_LEN, 0),
  /** binary(n). Decoded as {@code byte[]}. */
  BIGBINARY(0xAD, Format.USHORT_LEN, 0),
  /** char(n). Decoded as {@link String} in the collation's charset. */
  BIGCHAR(0xAF, Format.USHORT_LEN, 0),
  /** nvarchar(n) and nvarchar(max) (PLP). Decoded as {@link String}. */
  NVARCHAR(0xE7, Format.USHORT_LEN, 0),
  /** nchar(n). Decoded as {@link String}. */
  NCHAR(0xEF, Format.USHORT_LEN, 0),
  /** xml (PLP, UTF-16LE). Decoded as {@link String}. */
  XML(0xF1, Format.XML, 0),
  /** CLR user-defined type: recognised, not supported. */
  UDT(0xF0, Format.UNSUPPORTED, 0),
  /** Legacy text (text pointer, timestamp, 4-byte length). Decoded as {@link String}. */
  TEXT(0x23, Format.LONG_LEN, 0),
  /** Legacy ntext. Decoded as {@link String}. */
  NTEXT(0x63, Format.LONG_LEN, 0),
  /** Legacy image. Decoded as {@code byte[]}. */
  IMAGE(0x22, Format.LONG_LEN, 0),
  /** sql_variant: recognised, not supported. */
  SSVARIANT(0x62, Format.UNSUPPORTED, 0);

  /** How a type's TYPE_INFO and value are laid out. */
  public enum Format {
    /** No length in TYPE_INFO; the value has {@link TdsType#fixedLength()} bytes. */
    FIXED,
    /** A 1-byte maximum length in TYPE_INFO; the value has a 1-byte length, 0 for NULL. */
    BYTE_LEN,
    /** A 2-byte maximum length; 0xFFFF means PLP (max); the value length 0xFFFF means NULL. */
    USHORT_LEN,
    /** date: no TYPE_INFO data; the value has a 1-byte length (0 or 3). */
    DATE,
    /** time, datetime2, datetimeoffset: a 1-byte scale; the value has a 1-byte length. */
    SCALED,
    /**
     * text, ntext, image: a 4-byte maximum length (and a collation for text and ntext); the
     * value is a text pointer (0 length for NULL), an 8-byte timestamp and a 4-byte length.
     */
    LONG_LEN,
    /** xml: a schema-present byte (and names); the value is PLP. */
    XML,
    /** Recognised, but this library does not decode its TYPE_INFO or values. */
    UNSUPPORTED
  }

  private final int code;
  private final Format format;
  private final int fixedLength;

  TdsType(int code, Format format, int fixedLength) {
    this.code = code;
    this.format = format;
    this.fixedLength = fixedLength;
  }

  /**
   * Returns the wire code.
   *
   * @return for example {@code 0x38} for INT4
   */
  public int code() {
    return code;
  }

  /**
   * Returns the layout of the type's TYPE_INFO and values.
   *
   * @return the format
   */
  public Format format() {
    return format;
  }

  /**
   * Returns the value size of a fixed-length type.
   *
   * @return the size in bytes, or 0 for variable-length types
   */
  public int fixedLength() {
    return fixedLength;
  }

  /**
   * Tells whether values of this type are text in a collation's code page (TYPE_INFO carries a
   * collation).
   *
   * @return for BIGVARCHR, BIGCHAR, NVARCHAR, NCHAR, TEXT and NTEXT
   */
  public boolean hasCollation() {
    return this == BIGVARCHR || this == BIGCHAR || this == NVARCHAR || this == NCHAR
        || this == TEXT || this == NTEXT;
  }

  /**
   * Tells whether values are UTF-16LE text.
   *
   * @return for NVARCHAR, NCHAR, NTEXT and XML
   */
  public boolean isUnicode() {
    return this == NVARCHAR || this == NCHAR || this == NTEXT || this == XML;
  }

  /**
   * Tells whether values are single-byte-code-page text.
   *
   * @return for BIGVARCHR, BIGCHAR, CHAR, VARCHAR and TEXT
   */
  public boolean isAnsiText() {
    return this == BIGVARCHR || this == BIGCHAR || this == CHAR || this == VARCHAR || this == TEXT;
  }

  /**
   * Tells whether TYPE_INFO carries a precision and a scale.
   *
   * @return for the decimal and numeric types
   */
  public boolean hasPrecision() {
    return this == DECIMAL || this == NUMERIC || this == DECIMALN || this == NUMERICN;
  }

  /**
   * Tells whether this library decodes and encodes values of this type.
   *
   * @return false for UDT and SSVARIANT
   */
  public boolean isSupported() {
    return format != Format.UNSUPPORTED;
  }

  /**
   * Returns the type for a wire code.
   *
   * @param code the type byte
   * @param structure the structure being decoded, for the error
   * @param offset the offset of the type byte, for the error
   * @return the type
   * @throws TdsProtocolException if the code is not a TDS type
   */
  public static TdsType fromCode(int code, String structure, int offset) throws TdsProtocolException {
    for (TdsType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new TdsProtocolException(structure, String.format("unknown data type 0x%02X", code), offset);
  }
}
