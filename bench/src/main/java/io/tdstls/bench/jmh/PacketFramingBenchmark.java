package io.tdstls.bench.jmh;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.MessageAssembler;
import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Packet framing of a 32 KiB tabular result in 4096-byte packets: splitting it into wire bytes,
 * and framing wire bytes back into packets and the message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketFramingBenchmark {

  /** The message size. */
  public static final int MESSAGE_SIZE = 32 * 1024;
  /** The packet size. */
  public static final int PACKET_SIZE = 4096;

  private final TdsMessage message = new TdsMessage(PacketType.TABULAR_RESULT, new byte[MESSAGE_SIZE]);
  private final byte[] wire = MessageSplitter.toWire(message, PACKET_SIZE, 51);

  /** Creates the benchmark state (JMH does). */
  public PacketFramingBenchmark() {}

  /**
   * Splits the message into packets and returns their wire bytes.
   *
   * @return the wire bytes
   */
  @Benchmark
  public byte[] split() {
    return MessageSplitter.toWire(message, PACKET_SIZE, 51);
  }

  /**
   * Frames the wire bytes into packets and assembles the message.
   *
   * @return the message
   * @throws TdsProtocolException never (the bytes are valid)
   */
  @Benchmark
  public TdsMessage frameAndAssemble() throws TdsProtocolException {
    PacketFramer framer = new PacketFramer(PACKET_SIZE);
    MessageAssembler assembler = new MessageAssembler(1 << 20);
    ByteBuffer in = ByteBuffer.wrap(wire);
    TdsMessage m = null;
    while (in.hasRemaining()) {
      Packet p = framer.next(in);
      if (p != null) {
        m = assembler.add(p);
      }
    }
    return m;
  }
}
