package io.tdstls.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tdstls.error.TdsProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The assembler joins packets into messages, enforcing one type per message and a size limit. */
class MessageAssemblerTest {

  private static final int EOM = PacketStatus.END_OF_MESSAGE.bit();

  @Test
  void singlePacketMessage() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(4096);

    TdsMessage m = a.add(packet(PacketType.PRELOGIN, EOM, 1, 2, 3));

    assertThat(m.type()).isEqualTo(PacketType.PRELOGIN);
    assertThat(m.payload()).containsExactly(1, 2, 3);
    assertThat(m.status()).isZero();
    assertThat(a.inProgress()).isFalse();
  }

  @Test
  void packetsAreCollectedUntilEndOfMessage() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(4096);

    assertThat(a.add(packet(PacketType.LOGIN7, 0, 1, 2))).isNull();
    assertThat(a.inProgress()).isTrue();
    assertThat(a.add(packet(PacketType.LOGIN7, 0))).isNull();
    assertThat(a.add(packet(PacketType.LOGIN7, 0, 3))).isNull();
    TdsMessage m = a.add(packet(PacketType.LOGIN7, EOM, 4, 5));

    assertThat(m.type()).isEqualTo(PacketType.LOGIN7);
    assertThat(m.payload()).containsExactly(1, 2, 3, 4, 5);
    assertThat(a.inProgress()).isFalse();
  }

  @Test
  void messagesFollowEachOther() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(4096);

    TdsMessage first = a.add(packet(PacketType.SQL_BATCH, EOM, 1));
    assertThat(a.add(packet(PacketType.RPC, 0, 2))).isNull();
    TdsMessage second = a.add(packet(PacketType.RPC, EOM, 3));

    assertThat(first.payload()).containsExactly(1);
    assertThat(second.type()).isEqualTo(PacketType.RPC);
    assertThat(second.payload()).containsExactly(2, 3);
  }

  @Test
  void statusOfTheFirstPacketIsKeptWithoutEom() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(4096);
    int reset = PacketStatus.RESET_CONNECTION.bit();

    a.add(packet(PacketType.SQL_BATCH, reset, 1));
    TdsMessage m = a.add(packet(PacketType.SQL_BATCH, EOM, 2));

    assertThat(m.status()).isEqualTo(reset);
  }

  @Test
  void typeChangeBeforeTheEndIsATypedError() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(4096);
    a.add(packet(PacketType.PRELOGIN, 0, 1));

    TdsProtocolException e = catchThrowableOfType(TdsProtocolException.class,
        () -> a.add(packet(PacketType.TABULAR_RESULT, EOM, 2)));

    assertThat(e).isNotNull();
    assertThat(e.structure()).isEqualTo("message");
    assertThat(e.getMessage()).contains("PRELOGIN(0x12)", "TABULAR_RESULT(0x04)");
    assertThat(a.inProgress()).isFalse();
  }

  @Test
  void messageLargerThanTheMaximumIsATypedError() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(10);
    assertThat(a.add(packet(PacketType.TABULAR_RESULT, 0, new byte[6]))).isNull();

    TdsProtocolException e = catchThrowableOfType(TdsProtocolException.class,
        () -> a.add(packet(PacketType.TABULAR_RESULT, 0, new byte[5])));

    assertThat(e).isNotNull();
    assertThat(e.structure()).isEqualTo("message");
    assertThat(e.getMessage()).contains("maximum message size of 10 bytes");
    assertThat(a.inProgress()).isFalse();
  }

  @Test
  void singlePacketLargerThanTheMaximumIsATypedError() {
    MessageAssembler a = new MessageAssembler(10);

    assertThatThrownBy(() -> a.add(packet(PacketType.TABULAR_RESULT, EOM, new byte[11])))
        .isInstanceOf(TdsProtocolException.class);
  }

  @Test
  void messageOfExactlyTheMaximumIsAccepted() throws TdsProtocolException {
    MessageAssembler a = new MessageAssembler(10);
    a.add(packet(PacketType.TABULAR_RESULT, 0, new byte[6]));

    assertThat(a.add(packet(PacketType.TABULAR_RESULT, EOM, new byte[4])).payload()).hasSize(10);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void maximumMustBePositive(int max) {
    assertThatThrownBy(() -> new MessageAssembler(max)).isInstanceOf(IllegalArgumentException.class);
  }

  static Packet packet(PacketType type, int status, byte... payload) {
    return new Packet(new PacketHeader(type, status, PacketHeader.SIZE + payload.length, 0, 1, 0), payload);
  }

  static Packet packet(PacketType type, int status, int... payload) {
    byte[] b = new byte[payload.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) payload[i];
    }
    return packet(type, status, b);
  }
}
