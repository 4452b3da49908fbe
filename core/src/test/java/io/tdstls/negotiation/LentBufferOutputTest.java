package io.tdstls.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's write-in-place path ({@link BufferLendingSink}): in clear, streamed packets are
 * written straight into the lent buffer and are byte for byte what the scratch path produces, for
 * pieces that end inside a packet, exactly at a packet's end, or hold less than a packet; with TLS
 * the lent buffer is never asked for and the records arrive through {@code write} as before.
 */
class LentBufferOutputTest {

  private static final ServerPolicy ANY = new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
      StrictPolicy.ALLOWED);
  private static final int CHUNK = 4096 - PacketHeader.SIZE;

  @BeforeAll
  static void tls() throws Exception {
    TestTls.init();
  }

  /** A lending sink over heap buffers that records what it lent and what came back. */
  private static final class RecordingLender implements BufferLendingSink {
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final List<Integer> borrowed = new ArrayList<>();
    int emptyReturns;
    int scratchWrites;
    ByteBuffer lent;

    @Override
    public ByteBuffer borrow(int capacity) {
      assertThat(lent).as("one buffer lent at a time").isNull();
      borrowed.add(capacity);
      lent = ByteBuffer.allocate(capacity);
      return lent;
    }

    @Override
    public void giveBack(ByteBuffer borrowed) {
      lent = null;
    }

    @Override
    public void write(ByteBuffer bytes) {
      if (bytes == lent) {
        lent = null;
        assertThat(bytes.position()).isZero();
        if (!bytes.hasRemaining()) {
          emptyReturns++;
        }
      } else {
        scratchWrites++;
      }
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      sent.write(b, 0, b.length);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void clearPacketsWrittenInPlaceEqualTheScratchPathForEveryPieceBoundary() throws Exception {
    int[][] pieceSets = {
        {CHUNK}, {CHUNK, CHUNK}, {CHUNK - 1, 1, CHUNK + 1}, {1, 1, 1}, {0, 5000, 0}, {3 * CHUNK, 17, 16 * CHUNK},
        {64024, 64024, 64024}, {CHUNK * 2 - 3, 3}};
    for (int[] pieces : pieceSets) {
      Pump inPlace = new Pump(EncryptMode.OFF, ANY, 1 << 20).run();
      Pump scratch = new Pump(EncryptMode.OFF, ANY, 1 << 20).run();
      RecordingLender lender = new RecordingLender();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (int i = 0; i < pieces.length; i++) {
        byte[] piece = random(pieces[i], i);
        boolean last = i == pieces.length - 1;
        inPlace.server.sendPart(PacketType.TABULAR_RESULT, piece, last, lender);
        expected.writeBytes(scratch.server.sendPart(PacketType.TABULAR_RESULT, piece, last));
      }
      String what = "pieces " + java.util.Arrays.toString(pieces);
      assertThat(lender.sent.toByteArray()).as(what).isEqualTo(expected.toByteArray());
      assertThat(lender.borrowed).as(what + ": one lent buffer per piece").hasSize(pieces.length);
      assertThat(lender.scratchWrites).as(what).isZero();
      assertThat(lender.lent).as(what + ": every lent buffer came back").isNull();
      // and the client reads them
      inPlace.client.deliverPackets(true);
      inPlace.client.receive(ByteBuffer.wrap(lender.sent.toByteArray()));
      long total = 0;
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      while (inPlace.client.readPacket((h, p) -> {
        byte[] b = new byte[p.remaining()];
        p.get(b);
        payload.write(b, 0, b.length);
      })) {
        total++;
      }
      int sum = java.util.Arrays.stream(pieces).sum();
      assertThat(payload.size()).as(what).isEqualTo(sum);
      assertThat(total).as(what + ": packets").isEqualTo(Math.max(1, (sum + CHUNK - 1) / CHUNK));
      inPlace.client.deliverPackets(false);
      assertThat(inPlace.roundTrip("after")).isEqualTo("echo after");
    }
  }

  @Test
  void aPieceThatOnlyFillsTheHeldPacketComesBackEmpty() throws Exception {
    Pump pump = new Pump(EncryptMode.OFF, ANY, 1 << 20).run();
    RecordingLender lender = new RecordingLender();
    pump.server.sendPart(PacketType.TABULAR_RESULT, random(100, 1), false, lender);
    assertThat(lender.emptyReturns).isEqualTo(1);
    assertThat(lender.sent.size()).isZero();
    pump.server.sendPart(PacketType.TABULAR_RESULT, random(CHUNK - 100, 2), false, lender);
    assertThat(lender.sent.size()).as("a full packet may be the last: it waits").isZero();
    pump.server.sendPart(PacketType.TABULAR_RESULT, new byte[0], true, lender);
    assertThat(lender.sent.size()).isEqualTo(4096);
    assertThat(lender.sent.toByteArray()[1] & 0x01).as("EOM").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = EncryptMode.class, names = {"MANDATORY", "STRICT"})
  void withTlsNothingIsBorrowedAndRecordsComeThroughWrite(EncryptMode mode) throws Exception {
    Pump pump = new Pump(mode, ANY, 1 << 20).run();
    RecordingLender lender = new RecordingLender();
    byte[] payload = random(20_000, 3);
    pump.server.sendPart(PacketType.TABULAR_RESULT, payload, true, lender);
    assertThat(lender.borrowed).isEmpty();
    assertThat(lender.scratchWrites).isEqualTo(1);
    pump.client.receive(ByteBuffer.wrap(lender.sent.toByteArray()));
    assertThat(pump.client.poll().payload()).isEqualTo(payload);
  }

  @Test
  void aLentBufferIsGivenBackWhenTheCallFails() throws Exception {
    Pump pump = new Pump(EncryptMode.OFF, ANY, 1 << 20).run();
    RecordingLender lender = new RecordingLender();
    pump.server.sendPart(PacketType.TABULAR_RESULT, random(10, 1), false, lender);
    assertThatThrownBy(() -> pump.server.sendPart(PacketType.SQL_BATCH, random(10, 2), true, lender))
        .isInstanceOf(IllegalStateException.class);
    assertThat(lender.lent).as("given back").isNull();
  }
}
