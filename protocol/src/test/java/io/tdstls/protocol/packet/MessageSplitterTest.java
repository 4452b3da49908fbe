package io.tdstls.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The splitter cuts a message into packets: sizes, EOM, packet ids, status bits, reassembly. */
class MessageSplitterTest {

  private static final int EOM = PacketStatus.END_OF_MESSAGE.bit();

  @Test
  void payloadFillingExactlyOnePacket() {
    List<Packet> packets = MessageSplitter.split(message(512 - 8), 512, 0, 1);

    assertThat(packets).hasSize(1);
    assertThat(packets.get(0).header().length()).isEqualTo(512);
    assertThat(packets.get(0).header().isEndOfMessage()).isTrue();
  }

  @Test
  void payloadFillingExactlyThreePackets() {
    List<Packet> packets = MessageSplitter.split(message(3 * (4096 - 8)), 4096, 0, 1);

    assertThat(packets).hasSize(3);
    assertThat(packets).allSatisfy(p -> assertThat(p.header().length()).isEqualTo(4096));
  }

  @Test
  void oneByteMoreNeedsAnotherPacket() {
    List<Packet> packets = MessageSplitter.split(message(3 * (4096 - 8) + 1), 4096, 0, 1);

    assertThat(packets).hasSize(4);
    assertThat(packets.get(3).header().length()).isEqualTo(9);
    assertThat(packets.get(3).payload()).hasSize(1);
  }

  @Test
  void emptyMessageIsOneHeaderOnlyPacket() {
    List<Packet> packets = MessageSplitter.split(new TdsMessage(PacketType.ATTENTION, new byte[0]), 4096, 7, 1);

    assertThat(packets).hasSize(1);
    PacketHeader h = packets.get(0).header();
    assertThat(h.length()).isEqualTo(8);
    assertThat(h.isEndOfMessage()).isTrue();
    assertThat(h.spid()).isEqualTo(7);
    assertThat(packets.get(0).payload()).isEmpty();
  }

  @Test
  void endOfMessageOnlyOnTheLastPacket() {
    List<Packet> packets = MessageSplitter.split(message(5000), 512, 0, 1);

    assertThat(packets).hasSize(10);
    for (int i = 0; i < packets.size(); i++) {
      assertThat(packets.get(i).header().isEndOfMessage()).as("packet %d", i).isEqualTo(i == packets.size() - 1);
    }
  }

  @Test
  void packetIdsCountUpAndWrapModulo256() {
    List<Packet> packets = MessageSplitter.split(message(300 * 504), 512, 0, 255);

    assertThat(packets).hasSize(300);
    assertThat(packets.get(0).header().packetId()).isEqualTo(255);
    assertThat(packets.get(1).header().packetId()).isEqualTo(0);
    assertThat(packets.get(2).header().packetId()).isEqualTo(1);
    for (int i = 1; i < packets.size(); i++) {
      int previous = packets.get(i - 1).header().packetId();
      assertThat(packets.get(i).header().packetId()).isEqualTo((previous + 1) % 256);
    }
  }

  @Test
  void statusBitsAreKeptOnEveryPacket() {
    int status = PacketStatus.RESET_CONNECTION.bit() | PacketStatus.IGNORE.bit();
    List<Packet> packets = MessageSplitter.split(new TdsMessage(PacketType.SQL_BATCH, status, new byte[2000]), 512, 0, 1);

    assertThat(packets).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(packets.get(i).header().status()).isEqualTo(status);
    }
    assertThat(packets.get(3).header().status()).isEqualTo(status | EOM);
  }

  @Test
  void eomInTheMessageStatusIsNotCopiedToEarlierPackets() {
    List<Packet> packets = MessageSplitter.split(new TdsMessage(PacketType.SQL_BATCH, EOM, new byte[600]), 512, 0, 1);

    assertThat(packets.get(0).header().isEndOfMessage()).isFalse();
    assertThat(packets.get(1).header().isEndOfMessage()).isTrue();
  }

  @Test
  void typeAndSpidOnEveryPacket() {
    List<Packet> packets = MessageSplitter.split(new TdsMessage(PacketType.LOGIN7, new byte[9000]), 4096, 0x1234, 1);

    assertThat(packets).allSatisfy(p -> {
      assertThat(p.header().type()).isEqualTo(PacketType.LOGIN7);
      assertThat(p.header().spid()).isEqualTo(0x1234);
      assertThat(p.header().window()).isZero();
    });
  }

  @Test
  void toWireStartsAtPacketIdOne() throws TdsProtocolException {
    byte[] wire = MessageSplitter.toWire(message(1000), 512, 0);

    ByteBuffer in = ByteBuffer.wrap(wire);
    assertThat(PacketHeader.decode(in).packetId()).isEqualTo(1);
    in.position(512);
    assertThat(PacketHeader.decode(in).packetId()).isEqualTo(2);
    assertThat(wire).hasSize(1000 + 2 * 8);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 511, 65536})
  void packetSizeOutsideTheTdsRangeIsRejected(int size) {
    assertThatThrownBy(() -> MessageSplitter.split(message(10), size, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void framingAndAssemblingTheSplitOutputGivesTheInput(
      @ForAll @IntRange(min = 512, max = 32767) int packetSize,
      @ForAll("payloads") byte[] payload,
      @ForAll @IntRange(min = 0, max = 255) int firstPacketId) throws TdsProtocolException {
    TdsMessage in = new TdsMessage(PacketType.TABULAR_RESULT, PacketStatus.RESET_CONNECTION.bit(), payload);
    List<Packet> packets = MessageSplitter.split(in, packetSize, 51, firstPacketId);
    ByteBuffer wire = ByteBuffer.allocate(packets.stream().mapToInt(p -> p.header().length()).sum());
    packets.forEach(p -> wire.put(p.toBytes()));
    wire.flip();

    PacketFramer framer = new PacketFramer(packetSize);
    MessageAssembler assembler = new MessageAssembler(Math.max(1, payload.length));
    TdsMessage out = null;
    int count = 0;
    while (wire.hasRemaining()) {
      Packet p = framer.next(wire);
      assertThat(p).isNotNull();
      assertThat(p.header().packetId()).isEqualTo((firstPacketId + count++) % 256);
      assertThat(out).as("a message only after the last packet").isNull();
      out = assembler.add(p);
    }

    assertThat(count).isEqualTo(Math.max(1, (payload.length + packetSize - 9) / (packetSize - 8)));
    assertThat(out).isNotNull();
    assertThat(out.type()).isEqualTo(in.type());
    assertThat(out.status()).isEqualTo(in.status());
    assertThat(out.payload()).isEqualTo(payload);
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.integers().between(0, 100_000)
        .edgeCases(e -> e.add(504, 505, 4088, 4089, 32759, 32760))
        .map(n -> {
          byte[] b = new byte[n];
          new Random(n).nextBytes(b);
          return b;
        });
  }

  private static TdsMessage message(int length) {
    byte[] payload = new byte[length];
    for (int i = 0; i < length; i++) {
      payload[i] = (byte) i;
    }
    return new TdsMessage(PacketType.TABULAR_RESULT, payload);
  }
}
