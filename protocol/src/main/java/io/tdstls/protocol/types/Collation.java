package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A SQL Server collation as sent in TYPE_INFO and ENVCHANGE ([MS-TDS] 2.2.5.1.2): 5 bytes, a
 * 32-bit little-endian word with the LCID (20 bits), the comparison flags (8 bits) and a version
 * (4 bits), then a sort id (non-zero for the legacy SQL collations).
 *
 * <pre>{@code
 * Collation c = Collation.decode(new WireReader("TYPE_INFO", bytes)); // 09 04 D0 00 34
 * c.lcid();     // 0x0409
 * c.sortId();   // 52, SQL_Latin1_General_CP1_CI_AS
 * c.charset();  // windows-1252
 * }</pre>
 *
 * @param lcid the Windows locale id, 0..0xFFFFF
 * @param flags the comparison flags (0x01 ignore case, 0x02 ignore accent, 0x04 ignore width,
 *     0x08 ignore kana, 0x10 binary, 0x20 binary2, 0x40 UTF-8)
 * @param version the collation version, 0..15
 * @param sortId the SQL sort order id, 0 for Windows collations
 */
public record Collation(int lcid, int flags, int version, int sortId) {

  /** Flag of the UTF-8 collations (SQL Server 2019, TDS 7.4 with the UTF8_SUPPORT feature). */
  public static final int FLAG_UTF8 = 0x40;

  /** SQL_Latin1_General_CP1_CI_AS, the default of a US-English install: 09 04 D0 00 34. */
  public static final Collation SQL_LATIN1_GENERAL_CP1_CI_AS = new Collation(0x0409, 0x0D, 0, 52);

  /** The encoded size. */
  public static final int LENGTH = 5;

  /**
   * Validates the ranges.
   *
   * @param lcid the Windows locale id, 0..0xFFFFF
   * @param flags the comparison flags, 0..0xFF
   * @param version the collation version, 0..15
   * @param sortId the SQL sort order id, 0..255
   * @throws IllegalArgumentException if a value is out of range
   */
  public Collation {
    if ((lcid & ~0xFFFFF) != 0 || (flags & ~0xFF) != 0 || (version & ~0xF) != 0
        || (sortId & ~0xFF) != 0) {
      throw new IllegalArgumentException("collation field out of range: lcid " + lcid + ", flags "
          + flags + ", version " + version + ", sort id " + sortId);
    }
  }

  /**
   * Reads the 5 bytes.
   *
   * @param r the reader, positioned at the collation
   * @return the collation
   * @throws TdsProtocolException if fewer than 5 bytes remain
   */
  public static Collation decode(WireReader r) throws TdsProtocolException {
    int info = r.i32("collation");
    int sort = r.u8("collation sort id");
    return new Collation(info & 0xFFFFF, (info >>> 20) & 0xFF, (info >>> 28) & 0xF, sort);
  }

  /**
   * Decodes the 5 bytes of a collation.
   *
   * @param bytes exactly 5 bytes
   * @return the collation
   * @throws TdsProtocolException if the array is not 5 bytes long
   */
  public static Collation fromBytes(byte[] bytes) throws TdsProtocolException {
    if (bytes.length != LENGTH) {
      throw new TdsProtocolException("collation", "a collation is 5 bytes, got " + bytes.length, 0);
    }
    return decode(new WireReader("collation", bytes));
  }

  /**
   * Writes the 5 bytes.
   *
   * @param w the writer
   */
  public void encode(WireWriter w) {
    w.i32(lcid | flags << 20 | version << 28).u8(sortId);
  }

  /**
   * Returns the 5 bytes.
   *
   * @return a new array
   */
  public byte[] toBytes() {
    WireWriter w = new WireWriter();
    encode(w);
    return w.toByteArray();
  }

  /**
   * Returns the character set of varchar/char data in this collation: UTF-8 for the UTF-8
   * collations; otherwise the code page of the sort id for the common SQL collations, else the
   * code page of the LCID's language. Languages not in the table, and LCID 0x0409 itself, use
   * windows-1252 (the documented default of US-English servers).
   *
   * @return the charset
   */
  public Charset charset() {
    if ((flags & FLAG_UTF8) != 0) {
      return StandardCharsets.UTF_8;
    }
    int page = sortId != 0 ? CodePages.forSortId(sortId) : 0;
    if (page == 0) {
      page = CodePages.forLcid(lcid);
    }
    return CodePages.charset(page);
  }
}
