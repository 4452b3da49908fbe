package io.tdstls.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import io.tdstls.protocol.login.TdsVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SqlBatchTest {

  /** [MS-TDS] 4.6 SQL Batch Client Request, the payload after the packet header. */
  static final byte[] SPEC_BATCH = Hex.bytes(
      "16 00 00 00 12 00 00 00 02 00 00 00 00 00 00 00 00 01 00 00 00 00 0A 00"
          + "73 00 65 00 6C 00 65 00 63 00 74 00 20 00 27 00"
          + "66 00 6F 00 6F 00 27 00 20 00 61 00 73 00 20 00"
          + "27 00 62 00 61 00 72 00 27 00 0A 00 20 00 20 00"
          + "20 00 20 00 20 00 20 00 20 00 20 00");
  static final String SPEC_SQL = "\nselect 'foo' as 'bar'\n        ";

  @Test
  void decodesTheSpecificationExample() throws Exception {
    assertThat(SqlBatch.decode(SPEC_BATCH)).isEqualTo(SPEC_SQL);
  }

  @Test
  void encodesTheSpecificationExampleByteForByte() {
    // the example's bytes 00 .. 00 01 are the little-endian descriptor 0x0100000000000000,
    // followed by an outstanding request count of 0
    assertThat(Hex.of(SqlBatch.encode(SPEC_SQL, TdsVersion.V7_2, 0x0100000000000000L, 0))).isEqualTo(Hex.of(SPEC_BATCH));
  }

  @Test
  void tds71HasNoHeaders() throws Exception {
    byte[] wire = SqlBatch.encode("select 1", TdsVersion.V7_1, 5L, 1);
    assertThat(wire).isEqualTo("select 1".getBytes(StandardCharsets.UTF_16LE));
    assertThat(SqlBatch.decode(wire)).isEqualTo("select 1");
  }

  @Test
  void strictVersionWritesHeaders() {
    assertThat(SqlBatch.encode("x", TdsVersion.V8_0, 0L, 1)).hasSize(22 + 2);
  }

  @Test
  void everyTruncationInsideTheHeadersIsAProtocolError() {
    for (int n = 4; n < 22; n++) {
      byte[] prefix = Arrays.copyOf(SPEC_BATCH, n);
      assertThatThrownBy(() -> SqlBatch.decode(prefix)).as("prefix %d", n)
          .isInstanceOf(TdsProtocolException.class);
    }
  }

  @Test
  void oddTextLengthIsAProtocolError() {
    byte[] prefix = Arrays.copyOf(SPEC_BATCH, 23);
    assertThatThrownBy(() -> SqlBatch.decode(prefix)).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("odd");
  }

  @Test
  void wrongTransactionHeaderLengthIsRejected() {
    byte[] bad = SPEC_BATCH.clone();
    bad[4] = 0x10;
    assertThatThrownBy(() -> SqlBatch.decode(bad)).isInstanceOf(TdsProtocolException.class);
  }

  @Property(tries = 1000)
  void roundTripsWithHeaders(@ForAll @CharRange(from = '\u0001', to = '\uD7FF') String sql,
      @ForAll long descriptor, @ForAll @IntRange(min = 1, max = 100) int outstanding) throws Exception {
    String text = "s" + sql; // a batch never starts with U+0000 as its second character
    assertThat(SqlBatch.decode(SqlBatch.encode(text, TdsVersion.V7_4, descriptor, outstanding)))
        .isEqualTo(text);
  }

  @Property(tries = 1000)
  void roundTripsWithoutHeaders(@ForAll @CharRange(from = '\u0001', to = '\uD7FF') String sql)
      throws Exception {
    assertThat(SqlBatch.decode(SqlBatch.encode(sql, TdsVersion.V7_1, 0, 1))).isEqualTo(sql);
  }

  @Property(tries = 3000)
  void randomBytesGiveAValueOrAProtocolError(@ForAll byte[] payload) {
    try {
      SqlBatch.decode(payload);
    } catch (TdsProtocolException expected) {
      assertThat(expected.structure()).isEqualTo("SQL batch");
    }
  }
}
