package io.tdstls.protocol.prelogin;

import static io.tdstls.protocol.prelogin.TestVectors.MS_TDS_REQUEST;
import static io.tdstls.protocol.prelogin.TestVectors.SQL2008_RESPONSE;
import static io.tdstls.protocol.prelogin.TestVectors.SQL2017_RESPONSE_PAYLOAD;
import static io.tdstls.protocol.prelogin.TestVectors.bytes;
import static io.tdstls.protocol.prelogin.TestVectors.payloadOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The three hex vectors of the facts file decode to the documented values and re-encode exactly. */
class PreLoginVectorsTest {

  @Nested
  @DisplayName("vector 1: [MS-TDS] 4.1 client request")
  class MsTdsRequest {

    @Test
    void headerFields() throws TdsProtocolException {
      PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(bytes(MS_TDS_REQUEST)));
      assertThat(h.type()).isEqualTo(PacketType.PRELOGIN);
      assertThat(h.status()).isEqualTo(PacketStatus.END_OF_MESSAGE.bit());
      assertThat(h.isEndOfMessage()).isTrue();
      assertThat(h.length()).isEqualTo(47);
      assertThat(h.payloadLength()).isEqualTo(39);
      assertThat(h.spid()).isZero();
      assertThat(h.packetId()).isEqualTo(1);
      assertThat(h.window()).isZero();
    }

    @Test
    void options() throws TdsProtocolException {
      PreLogin p = PreLogin.decode(payloadOf(MS_TDS_REQUEST));
      assertThat(p.version()).isEqualTo(new Version(9, 0, 0, 0));
      assertThat(p.version()).hasToString("9.0.0.0");
      assertThat(p.encryption()).contains(EncryptionValue.ON);
      assertThat(p.instance()).contains("");
      assertThat(p.threadId()).hasValueSatisfying(
          t -> assertThat(t.value()).isEqualTo(OptionalLong.of(0xB80D0000L)));
      assertThat(p.mars()).contains(true);
      assertThat(p.traceId()).isEmpty();
      assertThat(p.fedAuthRequired()).isEmpty();
      assertThat(p.nonce()).isEmpty();
    }

    @Test
    void reEncodesToTheSameBytes() throws TdsProtocolException {
      assertThat(reEncodePacket(MS_TDS_REQUEST)).isEqualTo(bytes(MS_TDS_REQUEST));
    }
  }

  @Nested
  @DisplayName("vector 2: SQL Server 2008 response (type 0x04)")
  class Sql2008Response {

    @Test
    void headerFields() throws TdsProtocolException {
      PacketHeader h = PacketHeader.decode(ByteBuffer.wrap(bytes(SQL2008_RESPONSE)));
      assertThat(h.type()).isEqualTo(PacketType.TABULAR_RESULT);
      assertThat(h.isEndOfMessage()).isTrue();
      assertThat(h.status()).isEqualTo(0x01);
      assertThat(h.length()).isEqualTo(43);
      assertThat(h.spid()).isZero();
      assertThat(h.packetId()).isEqualTo(1);
      assertThat(h.window()).isZero();
    }

    @Test
    void options() throws TdsProtocolException {
      PreLogin p = PreLogin.decode(payloadOf(SQL2008_RESPONSE));
      assertThat(p.version()).isEqualTo(new Version(10, 0, 1600, 0));
      assertThat(p.version()).hasToString("10.0.1600.0");
      assertThat(p.version().productName()).isEqualTo("SQL Server 2008");
      assertThat(p.encryption()).contains(EncryptionValue.OFF);
      assertThat(p.instance()).contains("");
      assertThat(p.threadId()).contains(ThreadId.EMPTY);
      assertThat(p.threadId().orElseThrow().value()).isEmpty();
      assertThat(p.mars()).contains(false);
      assertThat(p.traceId()).isEmpty();
      assertThat(p.fedAuthRequired()).isEmpty();
      assertThat(p.nonce()).isEmpty();
    }

    @Test
    void reEncodesToTheSameBytes() throws TdsProtocolException {
      assertThat(reEncodePacket(SQL2008_RESPONSE)).isEqualTo(bytes(SQL2008_RESPONSE));
    }
  }

  @Nested
  @DisplayName("vector 3: SQL Server 2017 response payload")
  class Sql2017Response {

    @Test
    void options() throws TdsProtocolException {
      PreLogin p = PreLogin.decode(bytes(SQL2017_RESPONSE_PAYLOAD));
      assertThat(p.version()).isEqualTo(new Version(14, 0, 3038, 0));
      assertThat(p.version()).hasToString("14.0.3038.0");
      assertThat(p.version().productName()).isEqualTo("SQL Server 2017");
      assertThat(p.encryption()).contains(EncryptionValue.NOT_SUP);
      assertThat(p.instance()).contains("");
      assertThat(p.threadId()).isEmpty();
      assertThat(p.mars()).isEmpty();
      assertThat(p.traceId()).isEmpty();
      assertThat(p.fedAuthRequired()).isEmpty();
      assertThat(p.nonce()).isEmpty();
    }

    @Test
    void reEncodesToTheSameBytes() throws TdsProtocolException {
      byte[] payload = bytes(SQL2017_RESPONSE_PAYLOAD);
      assertThat(PreLogin.decode(payload).encode()).isEqualTo(payload);
    }
  }

  @Test
  void threadIdsDifferBetweenRequestAndResponse() throws TdsProtocolException {
    assertThat(PreLogin.decode(payloadOf(MS_TDS_REQUEST)).threadId())
        .isNotEqualTo(PreLogin.decode(payloadOf(SQL2008_RESPONSE)).threadId());
  }

  /** Decodes header and payload of a vector, then encodes both again. */
  private static byte[] reEncodePacket(String hex) throws TdsProtocolException {
    ByteBuffer in = ByteBuffer.wrap(bytes(hex));
    PacketHeader h = PacketHeader.decode(in);
    byte[] payload = new byte[in.remaining()];
    in.get(payload);
    byte[] reEncoded = PreLogin.decode(payload).encode();
    PacketHeader rebuilt =
        new PacketHeader(h.type(), h.status(), PacketHeader.SIZE + reEncoded.length, h.spid(), h.packetId(), h.window());
    return new Packet(rebuilt, reEncoded).toBytes();
  }
}
