package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link InboundPackets} holds its buffer only while unread bytes are in it: an idle relayed or
 * streaming connection holds none, and one thread's connections reuse one spare buffer.
 */
class InboundPacketsHeldBufferTest {

  private static byte[] packet(int payloadLength, boolean eom, int id) {
    byte[] p = new byte[8 + payloadLength];
    p[0] = (byte) PacketType.TABULAR_RESULT.code();
    p[1] = (byte) (eom ? 1 : 0);
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    p[6] = (byte) id;
    for (int i = 8; i < p.length; i++) {
      p[i] = (byte) (i * 31 + id);
    }
    return p;
  }

  @Test
  void holdsNothingBeforeTheFirstBytesAndAfterTheLastIsRead() throws Exception {
    InboundPackets in = new InboundPackets(4096);
    assertThat(in.heldCapacity()).isZero();
    in.append(ByteBuffer.allocate(0));
    assertThat(in.heldCapacity()).as("empty input takes no buffer").isZero();

    byte[] one = packet(100, false, 1);
    byte[] two = packet(50, true, 2);
    ByteBuffer wire = ByteBuffer.allocate(one.length + two.length).put(one).put(two).flip();
    in.append(wire.slice(0, one.length + 10)); // the first packet and part of the second
    assertThat(in.heldCapacity()).isPositive();
    List<Integer> lengths = new ArrayList<>();
    assertThat(in.read((h, payload) -> lengths.add(payload.remaining()))).isTrue();
    assertThat(in.heldCapacity()).as("10 bytes of the second packet are still held").isPositive();
    assertThat(in.hasPartialPacket()).isTrue();
    assertThat(in.read((h, payload) -> lengths.add(payload.remaining()))).isFalse();

    in.append(wire.slice(one.length + 10, two.length - 10));
    Packet p = in.poll();
    assertThat(p.header().isEndOfMessage()).isTrue();
    assertThat(p.payload()).hasSize(50);
    assertThat(lengths).containsExactly(100);
    assertThat(in.heldCapacity()).as("every byte read: the buffer went to the spare slot").isZero();
    assertThat(in.hasPartialPacket()).isFalse();
    assertThat(in.hasCompletePackets()).isFalse();
    assertThat(in.rest().remaining()).isZero();
  }

  @Test
  void connectionsOnOneThreadReuseTheSpareBufferAndKeepTheirBytesApart() throws Exception {
    InboundPackets a = new InboundPackets(4096);
    InboundPackets b = new InboundPackets(4096);
    ByteArrayOutputStream gotA = new ByteArrayOutputStream();
    ByteArrayOutputStream gotB = new ByteArrayOutputStream();
    ByteArrayOutputStream sentA = new ByteArrayOutputStream();
    ByteArrayOutputStream sentB = new ByteArrayOutputStream();
    for (int i = 1; i <= 50; i++) {
      byte[] pa = packet(i * 37 % 4000, i == 50, i);
      byte[] pb = packet(i * 53 % 4000, i == 50, i + 100);
      sentA.write(pa, 8, pa.length - 8);
      sentB.write(pb, 8, pb.length - 8);
      // b holds half a packet while a takes, fills and gives back the spare buffer
      b.append(ByteBuffer.wrap(pb, 0, pb.length / 2));
      a.append(ByteBuffer.wrap(pa));
      assertThat(a.read((h, payload) -> copy(payload, gotA))).isTrue();
      assertThat(a.heldCapacity()).isZero();
      b.append(ByteBuffer.wrap(pb, pb.length / 2, pb.length - pb.length / 2));
      assertThat(b.read((h, payload) -> copy(payload, gotB))).isTrue();
      assertThat(b.heldCapacity()).isZero();
    }
    assertThat(gotA.toByteArray()).isEqualTo(sentA.toByteArray());
    assertThat(gotB.toByteArray()).isEqualTo(sentB.toByteArray());
  }

  @Test
  void aBufferGrownPastTheSpareLimitIsNotKept() throws Exception {
    InboundPackets big = new InboundPackets(32767);
    byte[] p = packet(32767 - 8, false, 1);
    // more than SPARE_LIMIT of whole packets in one receive makes the buffer grow past it
    int count = InboundPackets.SPARE_LIMIT / p.length + 2;
    ByteBuffer wire = ByteBuffer.allocate(count * p.length);
    for (int i = 0; i < count; i++) {
      wire.put(p);
    }
    big.append(wire.flip());
    assertThat(big.heldCapacity()).isGreaterThan(InboundPackets.SPARE_LIMIT);
    int read = 0;
    while (big.read((h, payload) -> { })) {
      read++;
    }
    assertThat(read).isEqualTo(count);
    assertThat(big.heldCapacity()).isZero();
    InboundPackets next = new InboundPackets(32767);
    next.append(ByteBuffer.wrap(packet(10, true, 1)));
    assertThat(next.heldCapacity()).as("the grown buffer was not kept as the spare")
        .isLessThanOrEqualTo(InboundPackets.SPARE_LIMIT);
  }

  private static void copy(ByteBuffer payload, ByteArrayOutputStream to) {
    byte[] b = new byte[payload.remaining()];
    payload.get(b);
    to.write(b, 0, b.length);
  }
}
