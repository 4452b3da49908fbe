package io.tdstls.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class ValueCodecPropertiesTest {

  static Object roundTrip(TypeInfo t, Object v) throws TdsProtocolException {
    return ValueCodecTest.decode(t, ValueCodecTest.encode(t, v));
  }

  @Property(tries = 500)
  void integers(@ForAll long l, @ForAll int i, @ForAll short s, @ForAll @IntRange(max = 255) int b)
      throws Exception {
    assertThat(roundTrip(TypeInfo.of(TdsType.INTN, 8), l)).isEqualTo(l);
    assertThat(roundTrip(TypeInfo.of(TdsType.INT8), l)).isEqualTo(l);
    assertThat(roundTrip(TypeInfo.of(TdsType.INTN, 4), i)).isEqualTo(i);
    assertThat(roundTrip(TypeInfo.of(TdsType.INT2), s)).isEqualTo(s);
    assertThat(roundTrip(TypeInfo.of(TdsType.INTN, 1), (short) b)).isEqualTo((short) b);
  }

  @Property(tries = 500)
  void floatsAndBits(@ForAll float f, @ForAll double d, @ForAll boolean bit) throws Exception {
    assertThat(roundTrip(TypeInfo.of(TdsType.FLTN, 4), f)).isEqualTo(f);
    assertThat(roundTrip(TypeInfo.of(TdsType.FLT8), d)).isEqualTo(d);
    assertThat(roundTrip(TypeInfo.of(TdsType.BITN, 1), bit)).isEqualTo(bit);
  }

  @Property(tries = 1000)
  void decimals(@ForAll @IntRange(min = 1, max = 38) int precision, @ForAll long seed,
      @ForAll @IntRange(max = 38) int scaleSeed) throws Exception {
    int scale = scaleSeed % (precision + 1);
    BigInteger unscaled = BigInteger.valueOf(seed).multiply(BigInteger.valueOf(seed))
        .mod(BigInteger.TEN.pow(precision));
    if (seed < 0) {
      unscaled = unscaled.negate();
    }
    BigDecimal v = new BigDecimal(unscaled, scale);
    TypeInfo t = TypeInfo.decimal(TdsType.DECIMALN, precision, scale);
    assertThat(roundTrip(t, v)).isEqualTo(v);
  }

  @Property(tries = 500)
  void money(@ForAll long units, @ForAll int smallUnits) throws Exception {
    assertThat(roundTrip(TypeInfo.of(TdsType.MONEYN, 8), BigDecimal.valueOf(units, 4)))
        .isEqualTo(BigDecimal.valueOf(units, 4));
    assertThat(roundTrip(TypeInfo.of(TdsType.MONEY4), BigDecimal.valueOf(smallUnits, 4)))
        .isEqualTo(BigDecimal.valueOf(smallUnits, 4));
  }

  @Property(tries = 500)
  void texts(@ForAll @CharRange(from = '\u0000', to = '\uD7FF') @StringLength(max = 100) String unicode,
      @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 100) String ascii) throws Exception {
    Collation c = Collation.SQL_LATIN1_GENERAL_CP1_CI_AS;
    assertThat(roundTrip(TypeInfo.text(TdsType.NVARCHAR, 200, c), unicode)).isEqualTo(unicode);
    assertThat(roundTrip(TypeInfo.text(TdsType.NVARCHAR, TypeInfo.MAX, c), unicode)).isEqualTo(unicode);
    assertThat(roundTrip(TypeInfo.text(TdsType.BIGVARCHR, 100, c), ascii)).isEqualTo(ascii);
    assertThat(roundTrip(TypeInfo.text(TdsType.BIGVARCHR, TypeInfo.MAX, c), ascii)).isEqualTo(ascii);
    assertThat(roundTrip(TypeInfo.of(TdsType.XML), unicode)).isEqualTo(unicode);
  }

  @Property(tries = 500)
  void binaryAndGuid(@ForAll byte[] bytes, @ForAll long msb, @ForAll long lsb) throws Exception {
    Object back = roundTrip(TypeInfo.of(TdsType.BIGVARBIN, TypeInfo.MAX), bytes);
    assertThat((byte[]) back).isEqualTo(bytes);
    UUID u = new UUID(msb, lsb);
    assertThat(roundTrip(TypeInfo.of(TdsType.GUID, 16), u)).isEqualTo(u);
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(0, 3_652_058).map(d -> LocalDate.of(1, 1, 1).plusDays(d));
  }

  @Property(tries = 1000)
  void dateAndTimeTypes(@ForAll("dates") LocalDate date,
      @ForAll @LongRange(max = 86_399_999_999_999L) long nanos, @ForAll @IntRange(max = 7) int scale,
      @ForAll @IntRange(min = -840, max = 840) int offsetMinutes) throws Exception {
    long unit = pow10(9 - scale);
    LocalTime time = LocalTime.ofNanoOfDay(nanos / unit * unit);
    assertThat(roundTrip(TypeInfo.of(TdsType.DATEN), date)).isEqualTo(date);
    assertThat(roundTrip(TypeInfo.scaled(TdsType.TIMEN, scale), time)).isEqualTo(time);
    LocalDateTime dt = date.atTime(time);
    assertThat(roundTrip(TypeInfo.scaled(TdsType.DATETIME2N, scale), dt)).isEqualTo(dt);
    OffsetDateTime odt = dt.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    OffsetDateTime utc = odt.withOffsetSameInstant(ZoneOffset.UTC);
    if (utc.getYear() >= 1 && utc.getYear() <= 9999) {
      assertThat(roundTrip(TypeInfo.scaled(TdsType.DATETIMEOFFSETN, scale), odt)).isEqualTo(odt);
    }
  }

  @Property(tries = 1000)
  void legacyDateTimes(@ForAll @IntRange(min = -53690, max = 2958463) int days,
      @ForAll @IntRange(max = 25_919_999) int ticks, @ForAll @IntRange(max = 0xFFFF) int smallDays,
      @ForAll @IntRange(max = 1439) int minutes) throws Exception {
    TypeInfo t = TypeInfo.of(TdsType.DATETIMN, 8);
    byte[] wire = new WireWriter().u8(8).i32(days).i32(ticks).toByteArray();
    Object decoded = ValueCodecTest.decode(t, wire);
    assertThat(ValueCodecTest.encode(t, decoded)).isEqualTo(wire);
    LocalDateTime small = LocalDate.of(1900, 1, 1).plusDays(smallDays).atTime(minutes / 60, minutes % 60);
    assertThat(roundTrip(TypeInfo.of(TdsType.DATETIM4), small)).isEqualTo(small);
  }

  @Provide
  Arbitrary<TypeInfo> types() {
    return Arbitraries.of(TypeInfoTest.SAMPLES);
  }

  @Property(tries = 5000)
  void randomBytesGiveAValueOrAProtocolError(@ForAll("types") TypeInfo t, @ForAll byte[] bytes) {
    try {
      ValueCodec.decode(t, new WireReader("ROW", bytes));
    } catch (TdsProtocolException expected) {
      assertThat(expected.structure()).isEqualTo("ROW");
    }
  }

  static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }
}
