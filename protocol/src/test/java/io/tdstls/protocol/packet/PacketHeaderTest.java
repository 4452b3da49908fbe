package io.tdstls.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.prelogin.TestVectors;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 8-byte packet header: wire layout, every type and status bit, and malformed headers. */
class PacketHeaderTest {

  @ParameterizedTest
  @EnumSource(PacketType.class)
  void everyTypeRoundTripsWithEveryStatusByte(PacketType type) throws TdsProtocolException {
    for (int status = 0; status <= 0xFF; status++) {
      PacketHeader h = new PacketHeader(type, status, 0x1234, 0xBEEF, 0xA5, 0);
      byte[] wire = h.toBytes();

      assertThat(wire).containsExactly(
          (byte) type.code(), (byte) status, (byte) 0x12, (byte) 0x34, (byte) 0xBE, (byte) 0xEF, (byte) 0xA5, 0);
      assertThat(PacketHeader.decode(ByteBuffer.wrap(wire))).isEqualTo(h);
    }
  }

  @ParameterizedTest
  @EnumSource(PacketStatus.class)
  void eachStatusBitIsSeenOnlyInItsOwnBit(PacketStatus bit) throws TdsProtocolException {
    PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(new byte[] {0x01, (byte) bit.bit(), 0, 8, 0, 0, 0, 0}));

    assertThat(h.status()).isEqualTo(bit.bit());
    Set<PacketStatus> set = EnumSet.allOf(PacketStatus.class).stream()
        .filter(s -> s.isSetIn(h.status()))
        .collect(Collectors.toSet());
    assertThat(set).containsExactly(bit);
    assertThat(h.isEndOfMessage()).isEqualTo(bit == PacketStatus.END_OF_MESSAGE);
  }

  @Test
  void statusBitsHaveTheirSpecifiedCodes() {
    assertThat(PacketStatus.END_OF_MESSAGE.bit()).isEqualTo(0x01);
    assertThat(PacketStatus.IGNORE.bit()).isEqualTo(0x02);
    assertThat(PacketStatus.RESET_CONNECTION.bit()).isEqualTo(0x08);
    assertThat(PacketStatus.RESET_CONNECTION_SKIP_TRAN.bit()).isEqualTo(0x10);
  }

  @Test
  void typesHaveTheirSpecifiedCodes() throws TdsProtocolException {
    assertThat(PacketType.fromCode(0x01)).isEqualTo(PacketType.SQL_BATCH);
    assertThat(PacketType.fromCode(0x03)).isEqualTo(PacketType.RPC);
    assertThat(PacketType.fromCode(0x04)).isEqualTo(PacketType.TABULAR_RESULT);
    assertThat(PacketType.fromCode(0x06)).isEqualTo(PacketType.ATTENTION);
    assertThat(PacketType.fromCode(0x10)).isEqualTo(PacketType.LOGIN7);
    assertThat(PacketType.fromCode(0x12)).isEqualTo(PacketType.PRELOGIN);
    assertThat(PacketType.PRELOGIN).hasToString("PRELOGIN(0x12)");
  }

  static IntStream unknownTypeCodes() {
    Set<Integer> known = Stream.of(PacketType.values()).map(PacketType::code).collect(Collectors.toSet());
    return IntStream.rangeClosed(0, 0xFF).filter(c -> !known.contains(c));
  }

  @ParameterizedTest
  @MethodSource("unknownTypeCodes")
  void unknownTypeIsATypedError(int code) {
    byte[] wire = {(byte) code, 0x01, 0x00, 0x08, 0, 0, 1, 0};

    TdsProtocolException e = rejected(wire);

    assertThat(e.getMessage()).contains(String.format("unknown packet type 0x%02X", code));
    assertThat(e.offset()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256, 0x1012})
  void fromCodeRejectsValuesOutsideAByte(int code) {
    assertThatThrownBy(() -> PacketType.fromCode(code)).isInstanceOf(TdsProtocolException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7})
  void lengthShorterThanTheHeaderIsATypedError(int length) {
    byte[] wire = {0x12, 0x01, 0x00, (byte) length, 0, 0, 1, 0};

    TdsProtocolException e = rejected(wire);

    assertThat(e.getMessage()).contains("length " + length, "shorter than the header");
    assertThat(e.offset()).isEqualTo(2);
  }

  @Test
  void lengthOfExactlyTheHeaderIsAnEmptyPacket() throws TdsProtocolException {
    PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(new byte[] {0x12, 0x01, 0x00, 0x08, 0, 0, 1, 0}));

    assertThat(h.payloadLength()).isZero();
  }

  @Test
  void largestLengthIsDecodedUnsigned() throws TdsProtocolException {
    PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(new byte[] {0x04, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 0, 0}));

    assertThat(h.length()).isEqualTo(65535);
    assertThat(h.spid()).isEqualTo(65534);
  }

  @Test
  void everyPrefixOfAHeaderIsATypedError() {
    byte[] header = Arrays.copyOf(TestVectors.bytes(TestVectors.MS_TDS_REQUEST), PacketHeader.SIZE);
    for (int len = 0; len < PacketHeader.SIZE; len++) {
      TdsProtocolException e = rejected(Arrays.copyOf(header, len));
      assertThat(e.getMessage()).contains("truncated", len + " of 8 bytes");
    }
  }

  @Test
  void decodeReadsFromTheBufferPositionAndAdvancesByEight() throws TdsProtocolException {
    ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0xAA, 0x10, 0x01, 0x00, 0x0C, 0x00, 0x33, 0x07, 0x00, (byte) 0xBB});
    in.position(1);

    PacketHeader h = PacketHeader.decode(in);

    assertThat(h).isEqualTo(new PacketHeader(PacketType.LOGIN7, 0x01, 12, 0x33, 7, 0));
    assertThat(in.position()).isEqualTo(9);
  }

  static Stream<Arguments> outOfRangeFields() {
    return Stream.of(
        Arguments.of("status", (Runnable) () -> new PacketHeader(PacketType.RPC, 256, 8, 0, 0, 0)),
        Arguments.of("length", (Runnable) () -> new PacketHeader(PacketType.RPC, 0, 7, 0, 0, 0)),
        Arguments.of("length", (Runnable) () -> new PacketHeader(PacketType.RPC, 0, 65536, 0, 0, 0)),
        Arguments.of("spid", (Runnable) () -> new PacketHeader(PacketType.RPC, 0, 8, 65536, 0, 0)),
        Arguments.of("packetId", (Runnable) () -> new PacketHeader(PacketType.RPC, 0, 8, 0, 256, 0)),
        Arguments.of("window", (Runnable) () -> new PacketHeader(PacketType.RPC, 0, 8, 0, 0, -1)),
        Arguments.of("type", (Runnable) () -> new PacketHeader(null, 0, 8, 0, 0, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRangeFields")
  void constructorRejectsOutOfRangeFields(String field, Runnable construct) {
    assertThatThrownBy(construct::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
  }

  private static TdsProtocolException rejected(byte[] wire) {
    TdsProtocolException e =
        catchThrowableOfType(TdsProtocolException.class, () -> PacketHeader.decode(ByteBuffer.wrap(wire)));
    assertThat(e).as("decoding must fail with TdsProtocolException").isNotNull();
    assertThat(e.kind()).isEqualTo(TdsException.Kind.PROTOCOL_VIOLATION);
    assertThat(e.structure()).isEqualTo("packet header");
    return e;
  }
}
