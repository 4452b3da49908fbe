package io.tdstls.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.protocol.token.TokenType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DoneCheckingSinkTest {

  static byte[] done(long rows) {
    return new TokenEncoder(TdsVersion.V7_4).encode(Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.COUNT), 0xC1, rows));
  }

  @Test
  void acceptsADoneSplitAcrossPackets() throws Exception {
    byte[] tail = done(42);
    DoneCheckingSink sink = new DoneCheckingSink(42);
    sink.accept(new byte[100], false);
    sink.accept(Arrays.copyOfRange(tail, 0, 5), false);
    sink.accept(Arrays.copyOfRange(tail, 5, 7), false);
    sink.accept(Arrays.copyOfRange(tail, 7, tail.length), true);
    assertThat(sink.complete()).isTrue();
    assertThat(sink.bytes()).isEqualTo(100 + tail.length);
  }

  @Test
  void refusesAWrongRowCountOrAMissingDone() {
    assertThatThrownBy(() -> new DoneCheckingSink(41).accept(done(42), true)).isInstanceOf(TdsProtocolException.class);
    assertThatThrownBy(() -> new DoneCheckingSink(1).accept(new byte[20], true)).isInstanceOf(TdsProtocolException.class);
  }
}
