package io.tdstls.protocol.prelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The PRELOGIN value and its parts: immutability, validation, equality, product names. */
class PreLoginValueTest {

  private static final Version V = new Version(16, 0, 1000, 6);

  @Test
  void nonceIsCopiedInAndOut() {
    byte[] nonce = new byte[32];
    PreLogin p = PreLogin.of(V).withNonce(nonce);

    nonce[0] = 42;
    p.nonce().orElseThrow()[1] = 43;

    assertThat(p.nonce().orElseThrow()).containsOnly(0);
  }

  @Test
  void traceIdIsCopiedInAndOut() {
    byte[] conn = new byte[16];
    byte[] act = new byte[16];
    TraceId t = new TraceId(conn, act, 7);

    conn[0] = 1;
    act[0] = 1;
    t.connectionId()[1] = 1;
    t.activityId()[1] = 1;

    assertThat(t.connectionId()).containsOnly(0);
    assertThat(t.activityId()).containsOnly(0);
    assertThat(t).isEqualTo(new TraceId(new byte[16], new byte[16], 7));
  }

  @Test
  void withersLeaveTheOriginalUnchanged() {
    PreLogin base = PreLogin.of(V);
    PreLogin changed = base.withEncryption(EncryptionValue.REQ).withMars(true).withInstance("X");

    assertThat(base.encryption()).isEmpty();
    assertThat(base.mars()).isEmpty();
    assertThat(base.instance()).isEmpty();
    assertThat(changed.encryption()).contains(EncryptionValue.REQ);
    assertThat(changed).isNotEqualTo(base);
    assertThat(changed.withEncryption(null).withMars(null).withInstance(null)).isEqualTo(base);
  }

  @Test
  void equalValuesHaveEqualHashCodes() {
    PreLogin a = PreLogin.of(V).withNonce(new byte[32]).withThreadId(ThreadId.of(5));
    PreLogin b = PreLogin.of(V).withNonce(new byte[32]).withThreadId(ThreadId.of(5));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withThreadId(ThreadId.EMPTY));
  }

  @Test
  void toStringShowsPresentOptions() {
    PreLogin p = PreLogin.of(V).withEncryption(EncryptionValue.of(0x42)).withInstance("SQLEXPRESS");

    assertThat(p.toString()).contains("16.0.1000.6", "0x42 (invalid)", "SQLEXPRESS").doesNotContain("mars");
  }

  @Test
  void instanceNamesAreSingleByteStrings() {
    assertThatThrownBy(() -> PreLogin.of(V).withInstance("caf\u0100"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PreLogin.of(V).withInstance("\u00FF\u0001").instance()).contains("\u00FF\u0001");
  }

  @Test
  void longestInstanceNameThatFitsTheLengthFieldRoundTrips() throws TdsProtocolException {
    PreLogin p = PreLogin.of(V).withInstance("i".repeat(65534)); // 65535 bytes with its terminator

    assertThat(PreLogin.decode(p.encode())).isEqualTo(p);
  }

  @Test
  void instanceNameTooLongForTheLengthFieldIsNotSilentlyTruncated() {
    PreLogin p = PreLogin.of(V).withInstance("i".repeat(65535));

    assertThatThrownBy(p::encode)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INSTOPT")
        .hasMessageContaining("65536");
  }

  @Test
  void optionPushedPastTheOffsetFieldIsNotSilentlyWrapped() {
    PreLogin p = PreLogin.of(V).withInstance("i".repeat(65530)).withMars(true);

    assertThatThrownBy(p::encode)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MARS")
        .hasMessageContaining("offset");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33})
  void nonceIsThirtyTwoBytes(int length) {
    assertThatThrownBy(() -> PreLogin.of(V).withNonce(new byte[length])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverAnswerWithoutTerminatorKeepsTheByte() throws TdsProtocolException {
    // A server answers INSTOPT with a single 0x01 when the instance is not found.
    byte[] p = new PreLoginBytes()
        .option(PreLoginOption.VERSION.token(), PreLoginBytes.version1234())
        .option(PreLoginOption.INSTOPT.token(), (byte) 0x01)
        .build();

    assertThat(PreLogin.decode(p).instance()).contains("\u0001");
  }

  @Test
  void threadIdRange() {
    assertThat(ThreadId.of(0xFFFFFFFFL).value()).hasValue(0xFFFFFFFFL);
    assertThat(ThreadId.EMPTY.value()).isEmpty();
    assertThat(ThreadId.EMPTY).hasToString("(empty)");
    assertThatThrownBy(() -> ThreadId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThreadId.of(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void traceIdValidation() {
    assertThatThrownBy(() -> new TraceId(new byte[15], new byte[16], 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceId(new byte[16], new byte[17], 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceId(new byte[16], new byte[16], -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceId(new byte[16], new byte[16], 0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void traceIdSequenceIsLittleEndianOnTheWire() {
    byte[] payload = PreLogin.of(V).withTraceId(new TraceId(new byte[16], new byte[16], 0x01020304L)).encode();

    // table: VERSION, TRACEID, terminator = 11 bytes; VERSION data 6; TRACEID data 36
    assertThat(payload).hasSize(11 + 6 + 36);
    assertThat(Arrays.copyOfRange(payload, 11 + 6 + 32, payload.length)).containsExactly(4, 3, 2, 1);
  }

  @Test
  void versionIsWrittenAsBytesAndBigEndianShorts() {
    byte[] payload = PreLogin.of(new Version(14, 0, 3038, 0x0102)).encode();

    assertThat(payload).containsExactly(0x00, 0x00, 0x06, 0x00, 0x06, 0xFF, 0x0E, 0x00, 0x0B, 0xDE, 0x01, 0x02);
  }

  @ParameterizedTest(name = "{0}.{1} -> {2}")
  @CsvSource({
    "8, 0, SQL Server 2000",
    "9, 0, SQL Server 2005",
    "10, 0, SQL Server 2008",
    "10, 50, SQL Server 2008 R2",
    "11, 0, SQL Server 2012",
    "12, 0, SQL Server 2014",
    "13, 0, SQL Server 2016",
    "14, 0, SQL Server 2017",
    "15, 0, SQL Server 2019",
    "16, 0, SQL Server 2022",
    "17, 0, SQL Server 2025",
    "7, 0, unknown SQL Server release",
    "255, 0, unknown SQL Server release",
  })
  void productNames(int major, int minor, String name) {
    assertThat(new Version(major, minor, 0, 0).productName()).isEqualTo(name);
  }

  @Test
  void versionFieldRanges() {
    assertThatThrownBy(() -> new Version(256, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Version(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Version(0, 0, 65536, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Version(0, 0, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionTokensAndLengths() {
    assertThat(PreLoginOption.fromToken(0x00)).isEqualTo(PreLoginOption.VERSION);
    assertThat(PreLoginOption.fromToken(0x07)).isEqualTo(PreLoginOption.NONCEOPT);
    assertThat(PreLoginOption.fromToken(0x08)).isNull();
    assertThat(PreLoginOption.fromToken(0xFF)).isNull();
    assertThat(PreLoginOption.TRACEID.fixedLength()).isEqualTo(36);
    assertThat(PreLoginOption.INSTOPT.fixedLength()).isEqualTo(-1);
  }
}
