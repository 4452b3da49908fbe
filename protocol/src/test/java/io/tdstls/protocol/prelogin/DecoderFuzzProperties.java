package io.tdstls.protocol.prelogin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.MessageAssembler;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.TdsMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes fed to every decoder give a value (or {@code null}: more bytes needed) or a
 * {@link TdsProtocolException}; nothing else escapes (no IndexOutOfBounds, BufferUnderflow,
 * IllegalArgument, NegativeArraySize ...).
 */
class DecoderFuzzProperties {

  @Property(tries = 5000)
  void preLoginDecodeOfRandomBytes(@ForAll @Size(max = 300) byte[] payload) {
    decodeOrTypedError(payload);
  }

  @Property(tries = 5000)
  void preLoginDecodeOfRandomOptionTables(@ForAll("randomTables") byte[] payload) {
    decodeOrTypedError(payload);
  }

  @Property(tries = 5000)
  void preLoginDecodeOfMutatedValidPayloads(
      @ForAll("preLogins") PreLogin value, @ForAll("mutations") List<int[]> mutations) {
    byte[] payload = value.encode();
    for (int[] m : mutations) {
      payload[Math.floorMod(m[0], payload.length)] = (byte) m[1];
    }
    decodeOrTypedError(payload);
  }

  @Property(tries = 5000)
  void packetHeaderDecodeOfRandomBytes(@ForAll @Size(max = 12) byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      PacketHeader h = PacketHeader.decode(in);
      assertThat(bytes.length).isGreaterThanOrEqualTo(PacketHeader.SIZE);
      assertThat(in.position()).isEqualTo(PacketHeader.SIZE);
      assertThat(h.length()).isBetween(PacketHeader.SIZE, PacketHeader.MAX_LENGTH);
      assertThat(h.toBytes()).isEqualTo(Arrays.copyOf(bytes, PacketHeader.SIZE));
    } catch (TdsProtocolException e) {
      assertThat(e.structure()).isEqualTo("packet header");
    }
  }

  @Property(tries = 5000)
  void framerAndAssemblerOnRandomStreams(
      @ForAll("streams") byte[] stream,
      @ForAll @IntRange(min = 1, max = 64) int pieceSize,
      @ForAll @IntRange(min = 512, max = 4096) int maxPacketSize) {
    PacketFramer framer = new PacketFramer(maxPacketSize);
    MessageAssembler assembler = new MessageAssembler(2 * maxPacketSize);
    try {
      for (int from = 0; from < stream.length; from += pieceSize) {
        ByteBuffer piece = ByteBuffer.wrap(stream, from, Math.min(pieceSize, stream.length - from));
        while (piece.hasRemaining()) {
          Packet p = framer.next(piece);
          if (p != null) {
            assertThat(p.header().length()).isBetween(PacketHeader.SIZE, maxPacketSize);
            TdsMessage m = assembler.add(p);
            if (m != null) {
              assertThat(m.payload().length).isLessThanOrEqualTo(2 * maxPacketSize);
            }
          }
        }
      }
    } catch (TdsProtocolException e) {
      assertThat(e.structure()).isIn("packet header", "message");
    }
  }

  @Provide
  Arbitrary<PreLogin> preLogins() {
    return PreLoginArbitraries.preLogins();
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 255))
        .as((at, value) -> new int[] {at, value})
        .list().ofMinSize(1).ofMaxSize(4);
  }

  /** Option tables made of known and unknown tokens with offsets and lengths near the payload size. */
  @Provide
  Arbitrary<byte[]> randomTables() {
    Arbitrary<Integer> token = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0x00, 0x07)),
        Tuple.of(1, Arbitraries.integers().between(0x08, 0xFE)));
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 80);
    Arbitrary<byte[]> entry = Combinators.combine(token, small, small)
        .as((t, o, l) -> new byte[] {(byte) (int) t, (byte) (o >> 8), (byte) (int) o, (byte) (l >> 8), (byte) (int) l});
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    return Combinators.combine(entry.list().ofMaxSize(10), data, Arbitraries.of(true, true, true, false))
        .as((entries, tail, terminated) -> {
          ByteBuffer b = ByteBuffer.allocate(entries.size() * 5 + 1 + tail.length);
          entries.forEach(b::put);
          if (terminated) {
            b.put((byte) 0xFF);
          }
          b.put(tail);
          return Arrays.copyOf(b.array(), b.position());
        });
  }

  /** Streams of random bytes, often starting with plausible packet headers. */
  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<byte[]> plausibleHeader = Combinators.combine(
            Arbitraries.of(0x01, 0x03, 0x04, 0x10, 0x12, 0x05, 0xFF),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(0, 600))
        .as((type, status, length) -> new byte[] {
            (byte) (int) type, (byte) (int) status, (byte) (length >> 8), (byte) (int) length, 0, 0, 1, 0});
    Arbitrary<byte[]> chunk = Arbitraries.oneOf(plausibleHeader, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    return chunk.list().ofMaxSize(8).map(chunks -> {
      ByteBuffer b = ByteBuffer.allocate(chunks.stream().mapToInt(c -> c.length).sum());
      chunks.forEach(b::put);
      return b.array();
    });
  }

  private static void decodeOrTypedError(byte[] payload) {
    try {
      PreLogin p = PreLogin.decode(payload);
      assertThat(p.version()).isNotNull();
    } catch (TdsProtocolException e) {
      assertThat(e.structure()).isEqualTo("PRELOGIN");
    }
  }
}
