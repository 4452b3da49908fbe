package io.tdstls.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenPropertiesTest {

  static final Collation LATIN1 = Collation.SQL_LATIN1_GENERAL_CP1_CI_AS;

  /** One nullable column of every supported type. */
  static final ColMetadata ALL_TYPES = new ColMetadata(List.of(
      Column.nullable("tiny", TypeInfo.of(TdsType.INTN, 1)),
      Column.nullable("small", TypeInfo.of(TdsType.INTN, 2)),
      Column.nullable("int", TypeInfo.of(TdsType.INTN, 4)),
      Column.nullable("big", TypeInfo.of(TdsType.INTN, 8)),
      Column.nullable("bit", TypeInfo.of(TdsType.BITN, 1)),
      Column.nullable("real", TypeInfo.of(TdsType.FLTN, 4)),
      Column.nullable("float", TypeInfo.of(TdsType.FLTN, 8)),
      Column.nullable("money", TypeInfo.of(TdsType.MONEYN, 8)),
      Column.nullable("smallmoney", TypeInfo.of(TdsType.MONEYN, 4)),
      Column.nullable("dec", TypeInfo.decimal(TdsType.DECIMALN, 18, 4)),
      Column.nullable("num", TypeInfo.decimal(TdsType.NUMERICN, 38, 0)),
      Column.nullable("guid", TypeInfo.of(TdsType.GUID, 16)),
      Column.nullable("datetime", TypeInfo.of(TdsType.DATETIMN, 8)),
      Column.nullable("smalldatetime", TypeInfo.of(TdsType.DATETIMN, 4)),
      Column.nullable("date", TypeInfo.of(TdsType.DATEN)),
      Column.nullable("time", TypeInfo.scaled(TdsType.TIMEN, 7)),
      Column.nullable("dt2", TypeInfo.scaled(TdsType.DATETIME2N, 3)),
      Column.nullable("dto", TypeInfo.scaled(TdsType.DATETIMEOFFSETN, 5)),
      Column.nullable("varchar", TypeInfo.text(TdsType.BIGVARCHR, 50, LATIN1)),
      Column.nullable("char", TypeInfo.text(TdsType.BIGCHAR, 50, LATIN1)),
      Column.nullable("nvarchar", TypeInfo.text(TdsType.NVARCHAR, 100, LATIN1)),
      Column.nullable("nchar", TypeInfo.text(TdsType.NCHAR, 100, LATIN1)),
      Column.nullable("varcharmax", TypeInfo.text(TdsType.BIGVARCHR, TypeInfo.MAX, LATIN1)),
      Column.nullable("nvarcharmax", TypeInfo.text(TdsType.NVARCHAR, TypeInfo.MAX, LATIN1)),
      Column.nullable("varbinary", TypeInfo.of(TdsType.BIGVARBIN, 50)),
      Column.nullable("binary", TypeInfo.of(TdsType.BIGBINARY, 50)),
      Column.nullable("varbinarymax", TypeInfo.of(TdsType.BIGVARBIN, TypeInfo.MAX)),
      Column.nullable("xml", TypeInfo.of(TdsType.XML)),
      new Column(0, 1, TypeInfo.text(TdsType.TEXT, Integer.MAX_VALUE, LATIN1), "text",
          List.of("master", "dbo", "t")),
      new Column(0, 1, TypeInfo.text(TdsType.NTEXT, Integer.MAX_VALUE - 1, LATIN1), "ntext",
          List.of("t")),
      new Column(0, 1, TypeInfo.of(TdsType.IMAGE, Integer.MAX_VALUE), "image", List.of("t")),
      new Column(0, 0, TypeInfo.of(TdsType.INT4), "notnull")));

  @Provide
  Arbitrary<List<Object>> rows() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(50);
    Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(50);
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(50);
    Arbitrary<LocalDate> date = Arbitraries.longs().between(0, 3_652_058)
        .map(d -> LocalDate.of(1, 1, 1).plusDays(d));
    Arbitrary<LocalTime> time = Arbitraries.longs().between(0, 86_399_999_999_900L)
        .map(n -> LocalTime.ofNanoOfDay(n / 100 * 100));
    List<Arbitrary<?>> columns = List.of(
        Arbitraries.shorts().between((short) 0, (short) 255), Arbitraries.shorts(),
        Arbitraries.integers(), Arbitraries.longs(), Arbitraries.of(true, false),
        Arbitraries.floats(), Arbitraries.doubles(),
        Arbitraries.longs().map(l -> BigDecimal.valueOf(l, 4)),
        Arbitraries.integers().map(i -> BigDecimal.valueOf(i, 4)),
        Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L)
            .map(l -> BigDecimal.valueOf(l, 4)),
        Arbitraries.bigIntegers().between(new BigDecimal("-1e37").toBigInteger(),
            new BigDecimal("1e37").toBigInteger()).map(BigDecimal::new),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new),
        // datetime holds 1/300 s ticks, decoded to the millisecond: generate representable values
        Combinators.combine(Arbitraries.integers().between(0, 2_958_463),
            Arbitraries.longs().between(0, 25_919_999)).as((d, ticks) -> LocalDate.of(1900, 1, 1)
                .plusDays(d).atStartOfDay().plusNanos((ticks * 10 + 1) / 3 * 1_000_000L)),
        Combinators.combine(Arbitraries.integers().between(0, 0xFFFF),
            Arbitraries.integers().between(0, 1439)).as((d, m) -> LocalDate.of(1900, 1, 1)
                .plusDays(d).atTime(m / 60, m % 60)),
        date, time,
        Combinators.combine(date, time).as((d, t) -> LocalDateTime.of(d, t).withNano(t.getNano() / 1_000_000 * 1_000_000)),
        Combinators.combine(Arbitraries.longs().between(1, 3_652_057), time,
            Arbitraries.integers().between(-840, 840)).as((d, t, off) -> OffsetDateTime.of(
                LocalDate.of(1, 1, 1).plusDays(d), t.withNano(t.getNano() / 10_000 * 10_000),
                ZoneOffset.ofTotalSeconds(off * 60))),
        ascii, ascii, unicode, unicode, ascii, unicode, bytes, bytes, bytes, unicode,
        ascii, unicode, bytes,
        Arbitraries.integers());
    List<Arbitrary<Object>> nullable = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Arbitrary<Object> a = columns.get(i).map(o -> (Object) o);
      nullable.add(i == columns.size() - 1 ? a : a.injectNull(0.2));
    }
    return Combinators.combine(nullable).as(ArrayList::new);
  }

  @Property(tries = 1000)
  void rowsOfEveryTypeRoundTrip(@ForAll("rows") List<Object> values, @ForAll boolean nbc)
      throws Exception {
    Row row = new Row(nbc ? TokenType.NBCROW : TokenType.ROW, values);
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(ALL_TYPES, row);
    List<Token> back = new TokenDecoder(TdsVersion.V7_4).decode(wire);
    assertThat(back).hasSize(2);
    assertThat(back.get(0)).isEqualTo(ALL_TYPES);
    Row decoded = (Row) back.get(1);
    for (int i = 0; i < values.size(); i++) {
      Object expected = values.get(i);
      Object actual = decoded.values().get(i);
      if (expected instanceof byte[] b) {
        assertThat((byte[]) actual).as(ALL_TYPES.columns().get(i).name()).isEqualTo(b);
      } else {
        assertThat(actual).as(ALL_TYPES.columns().get(i).name()).isEqualTo(expected);
      }
    }
  }

  @Provide
  Arbitrary<Token> simpleTokens() {
    Arbitrary<String> name = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(255);
    Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
    Arbitrary<Token> ack = Combinators.combine(u8, Arbitraries.integers(), name, u8, u8, u16)
        .as(LoginAck::new);
    Arbitrary<Token> msg = Combinators.combine(Arbitraries.of(TokenType.ERROR, TokenType.INFO),
        Arbitraries.integers(), u8, u8, name, name, name, Arbitraries.integers())
        .as(ServerMessage::new);
    Arbitrary<Token> done = Combinators.combine(
        Arbitraries.of(TokenType.DONE, TokenType.DONEPROC, TokenType.DONEINPROC), u16, u16,
        Arbitraries.longs()).as(Done::new);
    Arbitrary<Token> text = Combinators.combine(Arbitraries.of(EnvChangeType.DATABASE,
        EnvChangeType.LANGUAGE, EnvChangeType.PACKET_SIZE), name, name).as(EnvChange.Text::new);
    Arbitrary<Token> route = Combinators.combine(u8, u16, name).as(EnvChange.Routing::new);
    Arbitrary<Token> bin = Combinators.combine(Arbitraries.of(EnvChangeType.SQL_COLLATION,
        EnvChangeType.BEGIN_TRANSACTION), Arbitraries.bytes().array(byte[].class).ofMaxSize(255),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(255)).as(EnvChange.Binary::new);
    return Arbitraries.oneOf(ack, msg, done, text, route, bin,
        Arbitraries.integers().map(ReturnStatus::new));
  }

  @Property(tries = 1000)
  void tokensRoundTrip(@ForAll("simpleTokens") Token a, @ForAll("simpleTokens") Token b) throws Exception {
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(a, b);
    assertThat(new TokenDecoder(TdsVersion.V7_4).decode(wire)).containsExactly(a, b);
  }

  @Property(tries = 5000)
  void randomBytesGiveTokensOrAProtocolError(@ForAll byte[] payload) {
    try {
      new TokenDecoder(TdsVersion.V7_4).decode(payload);
    } catch (TdsProtocolException expected) {
      assertThat(expected.structure()).isEqualTo("token stream");
    }
  }

  @Property(tries = 5000)
  void randomRowsAfterValidMetadataGiveARowOrAProtocolError(@ForAll boolean nbc,
      @ForAll byte[] body) throws Exception {
    TokenDecoder d = new TokenDecoder(TdsVersion.V7_4);
    d.decode(new TokenEncoder(TdsVersion.V7_4).encode(ALL_TYPES));
    byte[] payload = new byte[body.length + 1];
    payload[0] = (byte) (nbc ? 0xD2 : 0xD1);
    System.arraycopy(body, 0, payload, 1, body.length);
    try {
      d.decode(payload);
    } catch (TdsProtocolException expected) {
      assertThat(expected.offset()).isBetween(0, payload.length);
    }
  }

  @Property(tries = 5000)
  void corruptedMessagesGiveTokensOrAProtocolError(@ForAll("rows") List<Object> values,
      @ForAll int position, @ForAll byte value) {
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(List.of(ALL_TYPES, Row.nbc(values.toArray()),
        TokenDecoderTest.LOGIN_RESPONSE.get(4), TokenDecoderTest.LOGIN_RESPONSE.get(7)));
    wire[Math.floorMod(position, wire.length)] = value;
    try {
      new TokenDecoder(TdsVersion.V7_4).decode(wire);
    } catch (TdsProtocolException expected) {
      assertThat(expected.structure()).isEqualTo("token stream");
    }
  }
}
