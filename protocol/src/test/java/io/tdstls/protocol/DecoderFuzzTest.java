package io.tdstls.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.batch.RpcRequest;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.MessageAssembler;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketFramer;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.token.TokenDecoder;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing (Jazzer) of every decoder that reads a peer's bytes: the only exception
 * allowed out is {@link TdsProtocolException}; any other is a finding. A normal build runs these
 * over the seed corpora in {@code DecoderFuzzTestInputs/<method>/} (spec vectors, and every finding
 * kept as a regression input); {@code fuzz/run} fuzzes them for a while.
 */
class DecoderFuzzTest {

  private static final TdsVersion[] VERSIONS = TdsVersion.values();

  @FuzzTest(maxDuration = "10s")
  void packetReassembler(FuzzedDataProvider data) {
    PacketFramer framer = new PacketFramer(data.consumeInt(512, 32767));
    MessageAssembler assembler = new MessageAssembler(data.consumeInt(1, 1 << 16));
    try {
      while (data.remainingBytes() > 0) {
        ByteBuffer piece = ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 9000)));
        Packet p;
        while (piece.hasRemaining() && (p = framer.next(piece)) != null) {
          assembler.add(p);
        }
      }
    } catch (TdsProtocolException expected) {
      // a typed error is the right answer to bad input
    }
  }

  @FuzzTest(maxDuration = "10s")
  void preLogin(byte[] payload) {
    try {
      PreLogin.decode(payload);
    } catch (TdsProtocolException expected) {
      // typed
    }
  }

  @FuzzTest(maxDuration = "10s")
  void login7(byte[] payload) {
    try {
      Login7.decode(payload).encode();
    } catch (TdsProtocolException expected) {
      // typed
    }
  }

  @FuzzTest(maxDuration = "10s")
  void tokenStream(FuzzedDataProvider data) {
    TokenDecoder decoder = new TokenDecoder(data.pickValue(VERSIONS));
    try {
      while (data.remainingBytes() > 0) {
        decoder.decode(data.consumeBytes(data.consumeInt(0, 70_000)));
      }
    } catch (TdsProtocolException expected) {
      // typed
    }
  }

  @FuzzTest(maxDuration = "10s")
  void rpcAndBatchRequests(byte[] payload) {
    try {
      RpcRequest.decode(payload);
    } catch (TdsProtocolException expected) {
      // typed
    }
    try {
      SqlBatch.decode(payload);
    } catch (TdsProtocolException expected) {
      // typed
    }
  }
}
