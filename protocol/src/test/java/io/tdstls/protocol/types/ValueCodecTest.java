package io.tdstls.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

  static byte[] encode(TypeInfo t, Object v) {
    WireWriter w = new WireWriter();
    ValueCodec.encode(t, v, w);
    return w.toByteArray();
  }

  static Object decode(TypeInfo t, byte[] b) throws TdsProtocolException {
    WireReader r = new WireReader("ROW", b);
    Object v = ValueCodec.decode(t, r);
    assertThat(r.remaining()).as("bytes left after the value").isZero();
    return v;
  }

  @Test
  void intnWritesLengthThenLittleEndian() throws Exception {
    TypeInfo t = TypeInfo.of(TdsType.INTN, 4);
    assertThat(Hex.of(encode(t, 42))).isEqualTo("042A000000");
    assertThat(decode(t, Hex.bytes("042A000000"))).isEqualTo(42);
    assertThat(Hex.of(encode(t, null))).isEqualTo("00");
    assertThat(decode(t, Hex.bytes("00"))).isNull();
  }

  @Test
  void fixedIntegersDecodeToTheDocumentedJavaTypes() throws Exception {
    assertThat(decode(TypeInfo.of(TdsType.INT1), Hex.bytes("FF"))).isEqualTo((short) 255);
    assertThat(decode(TypeInfo.of(TdsType.INT2), Hex.bytes("FEFF"))).isEqualTo((short) -2);
    assertThat(decode(TypeInfo.of(TdsType.INT8), Hex.bytes("0100000000000080"))).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(decode(TypeInfo.of(TdsType.BIT), Hex.bytes("01"))).isEqualTo(true);
  }

  @Test
  void guidUsesMixedByteOrder() throws Exception {
    UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    byte[] wire = encode(TypeInfo.of(TdsType.GUID, 16), u);
    assertThat(Hex.of(wire)).isEqualTo("10" + "33221100" + "5544" + "7766" + "8899AABBCCDDEEFF");
    assertThat(decode(TypeInfo.of(TdsType.GUID, 16), wire)).isEqualTo(u);
  }

  @Test
  void decimalIsSignThenLittleEndianMagnitude() throws Exception {
    TypeInfo t = TypeInfo.decimal(TdsType.DECIMALN, 5, 2);
    // -123.45 -> sign 0, magnitude 12345 = 0x3039
    assertThat(Hex.of(encode(t, new BigDecimal("-123.45")))).isEqualTo("050039300000");
    assertThat(decode(t, Hex.bytes("050039300000"))).isEqualTo(new BigDecimal("-123.45"));
  }

  @Test
  void moneyIsHighWordFirst() throws Exception {
    // 1.0000 = 10000 units = 0x2710: high int 0, low 0x2710
    byte[] wire = encode(TypeInfo.of(TdsType.MONEY), new BigDecimal("1.0000"));
    assertThat(Hex.of(wire)).isEqualTo("0000000010270000");
    assertThat(decode(TypeInfo.of(TdsType.MONEY), wire)).isEqualTo(new BigDecimal("1.0000"));
  }

  @Test
  void datetimeCountsDaysFrom1900AndTicksOf300PerSecond() throws Exception {
    // 1900-01-02 00:00:01 -> days 1, ticks 300
    byte[] wire = encode(TypeInfo.of(TdsType.DATETIME), LocalDateTime.of(1900, 1, 2, 0, 0, 1));
    assertThat(Hex.of(wire)).isEqualTo("010000002C010000");
    assertThat(decode(TypeInfo.of(TdsType.DATETIME), Hex.bytes("0000000001000000")))
        .isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0, 0, 3_000_000));
  }

  @Test
  void dateTime2AndOffset() throws Exception {
    TypeInfo t = TypeInfo.scaled(TdsType.DATETIMEOFFSETN, 7);
    OffsetDateTime v = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_700, ZoneOffset.ofHours(-5));
    assertThat(decode(t, encode(t, v))).isEqualTo(v);
    TypeInfo d = TypeInfo.of(TdsType.DATEN);
    assertThat(Hex.of(encode(d, LocalDate.of(1, 1, 2)))).isEqualTo("03010000");
    TypeInfo time = TypeInfo.scaled(TdsType.TIMEN, 0);
    assertThat(Hex.of(encode(time, LocalTime.of(0, 1, 1)))).isEqualTo("033D0000");
  }

  @Test
  void timePastMidnightIsAProtocolError() {
    TypeInfo time = TypeInfo.scaled(TdsType.TIMEN, 0);
    assertThatThrownBy(() -> decode(time, Hex.bytes("03FFFFFF"))).isInstanceOf(TdsProtocolException.class);
  }

  @Test
  void varcharUsesTheCollationCharset() throws Exception {
    TypeInfo t = TypeInfo.text(TdsType.BIGVARCHR, 10, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
    assertThat(Hex.of(encode(t, "€"))).isEqualTo("010080");
    assertThat(decode(t, Hex.bytes("0300666F6F"))).isEqualTo("foo");
    assertThat(Hex.of(encode(t, null))).isEqualTo("FFFF");
  }

  @Test
  void plpValuesAreChunked() throws Exception {
    TypeInfo t = TypeInfo.text(TdsType.NVARCHAR, TypeInfo.MAX, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
    assertThat(t.isPlp()).isTrue();
    assertThat(Hex.of(encode(t, "ab"))).isEqualTo("0400000000000000" + "04000000" + "61006200" + "00000000");
    // unknown total length, two chunks
    assertThat(decode(t, Hex.bytes("FEFFFFFFFFFFFFFF 02000000 6100 02000000 6200 00000000"))).isEqualTo("ab");
    assertThat(decode(t, Hex.bytes("FFFFFFFFFFFFFFFF"))).isNull();
  }

  @Test
  void textValuesCarryATextPointerAndTimestamp() throws Exception {
    TypeInfo t = TypeInfo.text(TdsType.TEXT, Integer.MAX_VALUE, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
    byte[] wire = encode(t, "hi");
    assertThat(Hex.of(wire)).isEqualTo("10" + "00".repeat(16) + "00".repeat(8) + "02000000" + "6869");
    assertThat(decode(t, wire)).isEqualTo("hi");
    assertThat(Hex.of(encode(t, null))).isEqualTo("00");
    assertThat(decode(t, Hex.bytes("00"))).isNull();
    // a 2-byte text pointer is accepted as well
    assertThat(decode(t, Hex.bytes("02 ABCD 0000000000000000 01000000 41"))).isEqualTo("A");
  }

  @Test
  void plpLengthLargerThanTheDataIsAProtocolError() {
    TypeInfo t = TypeInfo.of(TdsType.BIGVARBIN, TypeInfo.MAX);
    assertThatThrownBy(() -> decode(t, Hex.bytes("FFFFFFFFFFFFFF7F 00000000")))
        .isInstanceOf(TdsProtocolException.class);
  }

  @Test
  void wrongJavaTypeIsRejectedOnEncode() {
    assertThatThrownBy(() -> encode(TypeInfo.of(TdsType.INT4), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT4");
    assertThatThrownBy(() -> encode(TypeInfo.of(TdsType.INT4), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTN");
    assertThatThrownBy(() -> encode(TypeInfo.of(TdsType.INT1), 256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collationOfTheSpecExample() throws Exception {
    Collation c = Collation.fromBytes(Hex.bytes("0904D00034"));
    assertThat(c).isEqualTo(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
    assertThat(c.lcid()).isEqualTo(0x0409);
    assertThat(c.sortId()).isEqualTo(52);
    assertThat(c.charset().name()).isEqualTo("windows-1252");
    assertThat(Hex.of(c.toBytes())).isEqualTo("0904D00034");
  }

  @Test
  void collationCharsetsByLcid() {
    assertThat(new Collation(0x0409, 0, 0, 0).charset().name()).isEqualTo("windows-1252");
    assertThat(new Collation(0x0419, 0, 0, 0).charset().name()).isEqualTo("windows-1251");
    assertThat(new Collation(0x0411, 0, 0, 0).charset().name()).isEqualTo("windows-31j");
    assertThat(new Collation(0x0409, Collation.FLAG_UTF8, 0, 0).charset().name()).isEqualTo("UTF-8");
  }
}
