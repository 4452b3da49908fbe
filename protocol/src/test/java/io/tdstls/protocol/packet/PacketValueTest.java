package io.tdstls.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Packet} and {@link TdsMessage} are immutable values: arrays are copied, equality is by content. */
class PacketValueTest {

  private static final PacketHeader HEADER = new PacketHeader(PacketType.SQL_BATCH, 1, 11, 0, 1, 0);

  @Test
  void packetCopiesItsPayloadInAndOut() {
    byte[] payload = {1, 2, 3};
    Packet p = new Packet(HEADER, payload);

    payload[0] = 9;
    p.payload()[1] = 9;

    assertThat(p.payload()).containsExactly(1, 2, 3);
    assertThat(p.toBytes()).endsWith(1, 2, 3);
  }

  @Test
  void packetsWithEqualBytesAreEqual() {
    Packet a = new Packet(HEADER, new byte[] {1, 2, 3});
    Packet b = new Packet(HEADER, new byte[] {1, 2, 3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new Packet(HEADER, new byte[] {1, 2, 4}));
    assertThat(a.toString()).contains("010203");
  }

  @Test
  void packetHeaderLengthMustMatchThePayload() {
    assertThatThrownBy(() -> new Packet(HEADER, new byte[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11")
        .hasMessageContaining("2 bytes");
  }

  @Test
  void messageCopiesItsPayloadInAndOut() {
    byte[] payload = {1, 2, 3};
    TdsMessage m = new TdsMessage(PacketType.RPC, payload);

    payload[0] = 9;
    m.payload()[1] = 9;

    assertThat(m.payload()).containsExactly(1, 2, 3);
  }

  @Test
  void messagesWithEqualBytesAreEqual() {
    TdsMessage a = new TdsMessage(PacketType.RPC, 8, new byte[] {1, 2});
    TdsMessage b = new TdsMessage(PacketType.RPC, 8, new byte[] {1, 2});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TdsMessage(PacketType.RPC, 0, new byte[] {1, 2}));
    assertThat(a).isNotEqualTo(new TdsMessage(PacketType.SQL_BATCH, 8, new byte[] {1, 2}));
    assertThat(a.toString()).contains("RPC", "0102");
  }

  @Test
  void messageStatusIsOneByte() {
    assertThatThrownBy(() -> new TdsMessage(PacketType.RPC, 256, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TdsMessage(PacketType.RPC, -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TdsMessage(null, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
