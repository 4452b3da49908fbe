package io.tdstls.protocol.packet;

import static io.tdstls.protocol.prelogin.TestVectors.MS_TDS_REQUEST;
import static io.tdstls.protocol.prelogin.TestVectors.SQL2008_RESPONSE;
import static io.tdstls.protocol.prelogin.TestVectors.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.prelogin.PreLoginArbitraries;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The framer cuts a byte stream arriving in pieces of any size into packets. */
class PacketFramerTest {

  @Test
  void wholePacketInOneRead() throws TdsProtocolException {
    byte[] wire = bytes(MS_TDS_REQUEST);
    ByteBuffer in = ByteBuffer.wrap(wire);

    Packet p = new PacketFramer(4096).next(in);

    assertThat(p).isNotNull();
    assertThat(p.header().type()).isEqualTo(PacketType.PRELOGIN);
    assertThat(p.payload()).isEqualTo(Arrays.copyOfRange(wire, 8, wire.length));
    assertThat(p.toBytes()).isEqualTo(wire);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void oneBytePieces() throws TdsProtocolException {
    byte[] wire = bytes(SQL2008_RESPONSE);
    PacketFramer framer = new PacketFramer(4096);

    for (int i = 0; i < wire.length - 1; i++) {
      assertThat(framer.next(ByteBuffer.wrap(wire, i, 1))).as("after byte %d", i).isNull();
      assertThat(framer.hasPartialPacket()).isTrue();
    }
    Packet p = framer.next(ByteBuffer.wrap(wire, wire.length - 1, 1));

    assertThat(p).isNotNull();
    assertThat(p.toBytes()).isEqualTo(wire);
    assertThat(framer.hasPartialPacket()).isFalse();
  }

  @Test
  void everyPrefixNeedsMoreBytesThenTheRestCompletesThePacket() throws TdsProtocolException {
    for (String vector : List.of(MS_TDS_REQUEST, SQL2008_RESPONSE)) {
      byte[] wire = bytes(vector);
      for (int split = 0; split < wire.length; split++) {
        PacketFramer framer = new PacketFramer(4096);
        ByteBuffer head = ByteBuffer.wrap(wire, 0, split);

        assertThat(framer.next(head)).as("prefix of %d bytes", split).isNull();
        assertThat(head.hasRemaining()).isFalse();
        assertThat(framer.hasPartialPacket()).isEqualTo(split > 0);

        Packet p = framer.next(ByteBuffer.wrap(wire, split, wire.length - split));
        assertThat(p).isNotNull();
        assertThat(p.toBytes()).isEqualTo(wire);
      }
    }
  }

  @Test
  void headerSplitAcrossThreeReads() throws TdsProtocolException {
    byte[] wire = bytes(MS_TDS_REQUEST);
    PacketFramer framer = new PacketFramer(4096);

    assertThat(framer.next(ByteBuffer.wrap(wire, 0, 3))).isNull();
    assertThat(framer.next(ByteBuffer.wrap(wire, 3, 4))).isNull();
    Packet p = framer.next(ByteBuffer.wrap(wire, 7, wire.length - 7));

    assertThat(p.toBytes()).isEqualTo(wire);
  }

  @Test
  void twoPacketsInOneReadComeOutOneAtATime() throws TdsProtocolException {
    byte[] a = bytes(MS_TDS_REQUEST);
    byte[] b = bytes(SQL2008_RESPONSE);
    ByteBuffer in = ByteBuffer.allocate(a.length + b.length).put(a).put(b).flip();
    PacketFramer framer = new PacketFramer(4096);

    Packet first = framer.next(in);
    assertThat(in.position()).as("nothing of the second packet is consumed").isEqualTo(a.length);
    Packet second = framer.next(in);

    assertThat(first.toBytes()).isEqualTo(a);
    assertThat(second.toBytes()).isEqualTo(b);
    assertThat(framer.next(in)).isNull();
  }

  @Test
  void headerOnlyPacket() throws TdsProtocolException {
    byte[] wire = {0x06, 0x01, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00};

    Packet p = new PacketFramer(512).next(ByteBuffer.wrap(wire));

    assertThat(p.header().type()).isEqualTo(PacketType.ATTENTION);
    assertThat(p.payload()).isEmpty();
  }

  @Test
  void packetLargerThanTheMaximumIsRejectedOnceTheHeaderIsComplete() throws TdsProtocolException {
    PacketFramer framer = new PacketFramer(4096);
    byte[] header = {0x04, 0x01, 0x10, 0x01, 0, 0, 1, 0}; // length 4097

    assertThat(framer.next(ByteBuffer.wrap(header, 0, 7))).isNull();
    TdsProtocolException e = catchThrowableOfType(TdsProtocolException.class,
        () -> framer.next(ByteBuffer.wrap(header, 7, 1)));

    assertThat(e).isNotNull();
    assertThat(e.structure()).isEqualTo("packet header");
    assertThat(e.getMessage()).contains("length 4097", "packet size 4096");
    assertThat(e.offset()).isEqualTo(2);
  }

  @Test
  void packetOfExactlyTheMaximumIsAccepted() throws TdsProtocolException {
    byte[] wire = new byte[512];
    new PacketHeader(PacketType.TABULAR_RESULT, 1, 512, 0, 1, 0).encode(ByteBuffer.wrap(wire));

    assertThat(new PacketFramer(512).next(ByteBuffer.wrap(wire))).isNotNull();
  }

  @Test
  void raisingTheMaximumAfterLoginAcceptsLargerPackets() throws TdsProtocolException {
    byte[] wire = new byte[8000];
    new PacketHeader(PacketType.TABULAR_RESULT, 1, 8000, 0, 1, 0).encode(ByteBuffer.wrap(wire));
    PacketFramer framer = new PacketFramer(4096);

    assertThatThrownBy(() -> framer.next(ByteBuffer.wrap(wire))).isInstanceOf(TdsProtocolException.class);

    PacketFramer raised = new PacketFramer(4096);
    raised.setMaxPacketSize(8000);
    assertThat(raised.maxPacketSize()).isEqualTo(8000);
    assertThat(raised.next(ByteBuffer.wrap(wire))).isNotNull();
  }

  @Test
  void malformedHeaderIsATypedError() {
    byte[] wire = {0x05, 0x01, 0x00, 0x08, 0, 0, 1, 0};

    assertThatThrownBy(() -> new PacketFramer(4096).next(ByteBuffer.wrap(wire)))
        .isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("unknown packet type 0x05");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 511, 65536})
  void maximumOutsideTheTdsRangeIsRejected(int size) {
    assertThatThrownBy(() -> new PacketFramer(size)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PacketFramer(4096).setMaxPacketSize(size)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 1000)
  void anySplitOfAStreamGivesThePacketsBack(
      @ForAll("packets") List<Packet> packets, @ForAll("cuts") List<Integer> cuts) throws TdsProtocolException {
    ByteBuffer all = ByteBuffer.allocate(packets.stream().mapToInt(p -> p.header().length()).sum());
    packets.forEach(p -> all.put(p.toBytes()));
    byte[] stream = all.array();
    PacketFramer framer = new PacketFramer(4096);
    List<byte[]> out = new ArrayList<>();

    int from = 0;
    for (int cut : cuts.stream().map(c -> Math.floorMod(c, stream.length + 1)).sorted().toList()) {
      drain(framer, ByteBuffer.wrap(stream, from, cut - from), out);
      from = cut;
    }
    drain(framer, ByteBuffer.wrap(stream, from, stream.length - from), out);

    assertThat(out).hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      assertThat(out.get(i)).isEqualTo(packets.get(i).toBytes());
    }
    assertThat(framer.hasPartialPacket()).isFalse();
  }

  @Property(tries = 300)
  void everyPrefixOfARandomPreLoginPacketNeedsMoreBytes(@ForAll("preLoginPackets") byte[] wire)
      throws TdsProtocolException {
    for (int len = 0; len < wire.length; len++) {
      PacketFramer framer = new PacketFramer(4096);
      assertThat(framer.next(ByteBuffer.wrap(wire, 0, len))).as("prefix of %d bytes", len).isNull();
      if (len < PacketHeader.SIZE) {
        int n = len;
        assertThatThrownBy(() -> PacketHeader.decode(ByteBuffer.wrap(wire, 0, n)))
            .isExactlyInstanceOf(TdsProtocolException.class);
      }
      assertThat(framer.next(ByteBuffer.wrap(wire, len, wire.length - len)).toBytes()).isEqualTo(wire);
    }
  }

  @Provide
  Arbitrary<byte[]> preLoginPackets() {
    return PreLoginArbitraries.preLogins()
        .filter(p -> p.encode().length <= 4096 - PacketHeader.SIZE)
        .map(p -> MessageSplitter.toWire(new TdsMessage(PacketType.PRELOGIN, p.encode()), 4096, 0));
  }

  @Provide
  Arbitrary<List<Packet>> packets() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(600)
        .map(payload -> new Packet(
            new PacketHeader(PacketType.TABULAR_RESULT, 0, PacketHeader.SIZE + payload.length, 51, 1, 0), payload))
        .list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().greaterOrEqual(0).list().ofMaxSize(12);
  }

  private static void drain(PacketFramer framer, ByteBuffer in, List<byte[]> out) throws TdsProtocolException {
    while (in.hasRemaining()) {
      Packet p = framer.next(in);
      if (p != null) {
        out.add(p.toBytes());
      }
    }
  }
}
