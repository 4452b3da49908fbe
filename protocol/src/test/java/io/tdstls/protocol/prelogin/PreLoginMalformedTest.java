package io.tdstls.protocol.prelogin;

import static io.tdstls.protocol.prelogin.PreLoginBytes.version1234;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed PRELOGIN payloads give a {@link TdsProtocolException} naming the option and offset. */
class PreLoginMalformedTest {

  private static final int VERSION = PreLoginOption.VERSION.token();
  private static final int ENCRYPTION = PreLoginOption.ENCRYPTION.token();

  @Test
  void dataOffsetPastTheEndOfThePayload() {
    byte[] p = new PreLoginBytes().raw(VERSION, 200, 6, version1234()).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("VERSION", "offset 200", "runs past the end");
    assertThat(e.offset()).isEqualTo(1);
  }

  @Test
  void dataRunningOnePastTheEnd() {
    byte[] p = new PreLoginBytes().option(VERSION, version1234()).raw(ENCRYPTION, 17, 2, (byte) 1).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("ENCRYPTION", "runs past the end of the 18-byte payload");
    assertThat(e.offset()).isEqualTo(6);
  }

  @Test
  void dataOffsetInsideTheOptionTable() {
    byte[] p = new PreLoginBytes().raw(VERSION, 2, 6).trailer(version1234()).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("VERSION", "points into the option table", "ends at 6");
    assertThat(e.offset()).isEqualTo(1);
  }

  @Test
  void dataOffsetAtTheTerminator() {
    byte[] p = new PreLoginBytes().option(VERSION, version1234()).raw(ENCRYPTION, 10, 1, (byte) 0).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("ENCRYPTION", "offset 10", "points into the option table");
    assertThat(e.offset()).isEqualTo(6);
  }

  @Test
  void unknownOptionsAreBoundsCheckedToo() {
    byte[] p = new PreLoginBytes().option(VERSION, version1234()).raw(0x42, 500, 3).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("0x42", "runs past the end");
    assertThat(e.offset()).isEqualTo(6);
  }

  @Test
  void overlappingOptionData() {
    // VERSION occupies 11..16; ENCRYPTION claims 14, inside it.
    byte[] p = new PreLoginBytes().raw(VERSION, 11, 6, version1234()).raw(ENCRYPTION, 14, 1).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("VERSION", "ENCRYPTION", "overlap");
    assertThat(e.offset()).isEqualTo(14);
  }

  @Test
  void twoOptionsSharingTheSameByte() {
    byte[] p = new PreLoginBytes()
        .option(VERSION, version1234())
        .raw(PreLoginOption.MARS.token(), 22, 1, (byte) 0)
        .raw(ENCRYPTION, 22, 1)
        .build(); // table and terminator: 0..15, VERSION: 16..21, MARS and ENCRYPTION: 22

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("MARS", "ENCRYPTION", "overlap");
    assertThat(e.offset()).isEqualTo(22);
  }

  @Test
  void missingTerminatorAfterAWholeEntry() {
    byte[] p = new PreLoginBytes().raw(VERSION, 6, 6).build(false);

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("terminator", "0xFF");
    assertThat(e.offset()).isEqualTo(5);
  }

  @Test
  void emptyPayloadHasNoTerminator() {
    TdsProtocolException e = rejected(new byte[0]);

    assertThat(e.getMessage()).contains("terminator");
    assertThat(e.offset()).isZero();
  }

  @Test
  void truncatedTableEntry() {
    TdsProtocolException e = rejected(new byte[] {0x00, 0x00, 0x05});

    assertThat(e.getMessage()).contains("entry 0x00", "truncated", "3 of 5 bytes");
    assertThat(e.offset()).isZero();
  }

  static Stream<Arguments> wrongLengths() {
    return Stream.of(PreLoginOption.values())
        .filter(o -> o.fixedLength() > 0)
        .flatMap(o -> IntStream.of(0, o.fixedLength() - 1, o.fixedLength() + 1, 255)
            .filter(len -> len != o.fixedLength())
            .mapToObj(len -> Arguments.of(o, len)));
  }

  @ParameterizedTest(name = "{0} with length {1}")
  @MethodSource("wrongLengths")
  void wrongLengthOfAFixedLengthOption(PreLoginOption option, int length) {
    byte[] p = withOptionOfLength(option, length);

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains(
        "option " + option, "has length " + length, "expected " + option.fixedLength());
    int entryOffset = option == PreLoginOption.VERSION ? 0 : 5;
    assertThat(e.offset()).isEqualTo(entryOffset + 3);
  }

  @ParameterizedTest(name = "THREADID with length {0}")
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void threadIdIsEmptyOrFourBytes(int length) {
    TdsProtocolException e = rejected(withOptionOfLength(PreLoginOption.THREADID, length));

    assertThat(e.getMessage()).contains("THREADID", "has length " + length, "0 or 4");
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void instanceNeedsAtLeastItsTerminator() {
    TdsProtocolException e = rejected(withOptionOfLength(PreLoginOption.INSTOPT, 0));

    assertThat(e.getMessage()).contains("INSTOPT", "has length 0", "at least 1");
    assertThat(e.offset()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0} = 0x{1}")
  @MethodSource("badFlags")
  void flagOptionAboveOne(PreLoginOption option, int value) {
    byte[] p = new PreLoginBytes().option(VERSION, version1234()).option(option.token(), (byte) value).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains(option.name(), String.format("value 0x%02X", value));
    assertThat(e.offset()).isEqualTo(17); // 2 entries + terminator = 11, then 6 bytes of VERSION
  }

  static Stream<Arguments> badFlags() {
    return Stream.of(PreLoginOption.MARS, PreLoginOption.FEDAUTHREQUIRED)
        .flatMap(o -> IntStream.of(0x02, 0x80, 0xFF).mapToObj(v -> Arguments.of(o, v)));
  }

  @ParameterizedTest
  @EnumSource(PreLoginOption.class)
  void duplicateOption(PreLoginOption option) {
    byte[] data = validData(option);
    PreLoginBytes b = new PreLoginBytes().option(VERSION, version1234());
    if (option != PreLoginOption.VERSION) {
      b.option(option.token(), data);
    }
    int secondEntry = b.terminatorOffset();
    byte[] p = b.option(option.token(), data).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("option " + option, "more than once");
    assertThat(e.offset()).isEqualTo(secondEntry);
  }

  @Test
  void missingVersion() {
    byte[] p = new PreLoginBytes().option(ENCRYPTION, (byte) 1).option(PreLoginOption.MARS.token(), (byte) 0).build();

    TdsProtocolException e = rejected(p);

    assertThat(e.getMessage()).contains("VERSION", "missing");
    assertThat(e.offset()).isEqualTo(-1);
  }

  @Test
  void onlyATerminatorLacksVersion() {
    TdsProtocolException e = rejected(new byte[] {(byte) 0xFF});

    assertThat(e.getMessage()).contains("VERSION", "missing");
  }

  /** A payload with VERSION (unless that is the option under test) and the option at {@code length}. */
  private static byte[] withOptionOfLength(PreLoginOption option, int length) {
    byte[] data = new byte[length];
    if (option == PreLoginOption.VERSION) {
      return new PreLoginBytes().option(VERSION, data).build();
    }
    return new PreLoginBytes().option(VERSION, version1234()).option(option.token(), data).build();
  }

  private static byte[] validData(PreLoginOption option) {
    switch (option) {
      case VERSION: return version1234();
      case INSTOPT: return new byte[] {'A', 0};
      case THREADID: return new byte[4];
      default: return new byte[option.fixedLength()];
    }
  }

  private static TdsProtocolException rejected(byte[] payload) {
    TdsProtocolException e = catchThrowableOfType(TdsProtocolException.class, () -> PreLogin.decode(payload));
    assertThat(e).as("decoding must fail with TdsProtocolException").isNotNull();
    assertThat(e.kind()).isEqualTo(TdsException.Kind.PROTOCOL_VIOLATION);
    assertThat(e.structure()).isEqualTo("PRELOGIN");
    assertThat(e.getMessage()).startsWith("malformed PRELOGIN: ");
    if (e.offset() >= 0) {
      assertThat(e.getMessage()).endsWith("(at offset " + e.offset() + ")");
    }
    return e;
  }
}
