package io.tdstls.protocol.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Login7Test {

  /** [MS-TDS] 4.2 Login Request, the payload after the 8-byte packet header. */
  static final byte[] SPEC_LOGIN7 = Hex.bytes(
      "88 00 00 00 02 00 09 72 00 10 00 00 00 00 00 07 00 01 00 00 00 00 00 00"
          + "E0 03 00 00 00 00 00 00 09 04 00 00 5E 00 08 00"
          + "6E 00 02 00 72 00 00 00 72 00 07 00 80 00 00 00"
          + "80 00 00 00 80 00 04 00 88 00 00 00 88 00 00 00"
          + "00 50 8B E2 B7 8F 88 00 00 00 88 00 00 00 88 00"
          + "00 00 00 00 00 00 73 00 6B 00 6F 00 73 00 74 00"
          + "6F 00 76 00 31 00 73 00 61 00 4F 00 53 00 51 00"
          + "4C 00 2D 00 33 00 32 00 4F 00 44 00 42 00 43 00");

  @Test
  void decodesTheSpecificationExample() throws Exception {
    Login7 l = Login7.decode(SPEC_LOGIN7);
    assertThat(l.tdsVersionCode()).isEqualTo(0x72090002);
    assertThat(l.tdsVersion()).contains(TdsVersion.V7_2);
    assertThat(l.packetSize()).isEqualTo(4096);
    assertThat(l.clientProgVersion()).isEqualTo(0x07000000);
    assertThat(l.clientPid()).isEqualTo(0x100);
    assertThat(l.connectionId()).isZero();
    assertThat(l.optionFlags1()).isEqualTo(0xE0);
    assertThat(l.optionFlags2()).isEqualTo(0x03);
    assertThat(l.typeFlags()).isZero();
    assertThat(l.optionFlags3()).isZero();
    assertThat(l.clientLcid()).isEqualTo(0x0409);
    assertThat(l.hostName()).isEqualTo("skostov1");
    assertThat(l.userName()).isEqualTo("sa");
    assertThat(l.password()).isEmpty();
    assertThat(l.appName()).isEqualTo("OSQL-32");
    assertThat(l.serverName()).isEmpty();
    assertThat(l.clientInterfaceName()).isEqualTo("ODBC");
    assertThat(l.language()).isEmpty();
    assertThat(l.database()).isEmpty();
    assertThat(Hex.of(l.clientId())).isEqualTo("00508BE2B78F");
    assertThat(l.sspi()).isEmpty();
    assertThat(l.integratedSecurity()).isFalse();
    assertThat(l.hasExtension()).isFalse();
    assertThat(l.featureExt()).isEmpty();
  }

  @Test
  void reEncodesTheSpecificationExampleByteForByte() throws Exception {
    assertThat(Hex.of(Login7.decode(SPEC_LOGIN7).encode())).isEqualTo(Hex.of(SPEC_LOGIN7));
  }

  @Test
  void encodesThePasswordScrambled() throws Exception {
    Login7 l = Login7.builder().userName("sa").password("sa").build();
    byte[] wire = l.encode();
    int offset = (wire[44] & 0xFF) | (wire[45] & 0xFF) << 8;
    assertThat(wire[46]).isEqualTo((byte) 2);
    assertThat(Hex.of(Arrays.copyOfRange(wire, offset, offset + 4))).isEqualTo("92A5B3A5");
    assertThat(Login7.decode(wire).password()).isEqualTo("sa");
  }

  @Test
  void strictClientSendsVersion8() throws Exception {
    byte[] wire = Login7.builder().tdsVersion(TdsVersion.V8_0).build().encode();
    assertThat(Hex.of(Arrays.copyOfRange(wire, 4, 8))).isEqualTo("00000008");
    assertThat(Login7.decode(wire).tdsVersion()).contains(TdsVersion.V8_0);
  }

  @Test
  void featureExtRoundTripsAndSetsFExtension() throws Exception {
    Login7 l = Login7.builder().tdsVersion(TdsVersion.V7_4).userName("u")
        .featureExt(List.of(new FeatureExt(0x0A, new byte[] {1}), new FeatureExt(0x01, new byte[0])))
        .build();
    assertThat(l.hasExtension()).isTrue();
    Login7 back = Login7.decode(l.encode());
    assertThat(back.featureExt()).containsExactly(new FeatureExt(0x0A, new byte[] {1}),
        new FeatureExt(0x01, new byte[0]));
    assertThat(back).isEqualTo(l);
  }

  @Test
  void namedFlagAccessorsReadTheirBits() throws Exception {
    Login7 l = Login7.builder().typeFlags(Login7.TYPE_READ_ONLY_INTENT)
        .optionFlags2(Login7.OPTION2_INT_SECURITY).optionFlags3(Login7.OPTION3_CHANGE_PASSWORD)
        .sspi(new byte[] {1, 2, 3}).changePassword("new").build();
    Login7 back = Login7.decode(l.encode());
    assertThat(back.readOnlyIntent()).isTrue();
    assertThat(back.integratedSecurity()).isTrue();
    assertThat(back.changesPassword()).isTrue();
    assertThat(back.sspi()).containsExactly(1, 2, 3);
    assertThat(back.changePassword()).isEqualTo("new");
  }

  @Test
  void largeSspiUsesCbSspiLong() throws Exception {
    byte[] sspi = new byte[70000];
    sspi[69999] = 7;
    Login7 back = Login7.decode(Login7.builder().sspi(sspi).build().encode());
    assertThat(back.sspi()).hasSize(70000).endsWith((byte) 7);
  }

  @Test
  void everyTruncationIsAProtocolError() {
    for (int n = 0; n < SPEC_LOGIN7.length; n++) {
      byte[] prefix = Arrays.copyOf(SPEC_LOGIN7, n);
      assertThatThrownBy(() -> Login7.decode(prefix)).as("prefix %d", n)
          .isInstanceOf(TdsProtocolException.class);
    }
  }

  @Test
  void offsetPastTheDeclaredLengthNamesTheField() {
    byte[] bad = SPEC_LOGIN7.clone();
    bad[36] = (byte) 0x84; // HostName at 0x84, 16 bytes: past 0x88
    assertThatThrownBy(() -> Login7.decode(bad)).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("HostName").extracting(e -> ((TdsProtocolException) e).offset())
        .isEqualTo(36);
  }

  @Test
  void offsetIntoTheFixedPartIsRejected() {
    byte[] bad = SPEC_LOGIN7.clone();
    bad[40] = 0x10; // UserName inside the fixed part
    assertThatThrownBy(() -> Login7.decode(bad)).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("UserName");
  }

  @Test
  void declaredLengthLargerThanPayloadIsRejected() {
    byte[] bad = SPEC_LOGIN7.clone();
    bad[0] = (byte) 0x89;
    assertThatThrownBy(() -> Login7.decode(bad)).isInstanceOf(TdsProtocolException.class)
        .extracting(e -> ((TdsProtocolException) e).offset()).isEqualTo(0);
  }

  @Test
  void decodesTheTds71LayoutWithoutChangePasswordAndSspiLong() throws Exception {
    io.tdstls.protocol.types.WireWriter w = new io.tdstls.protocol.types.WireWriter();
    w.i32(88).i32(0x71000001).i32(4096).i32(0).i32(0).i32(0).i32(0).i32(0).i32(0x0409);
    w.u16(86).u16(1); // HostName "h" right after the 86-byte fixed part
    for (int slot = 1; slot < 9; slot++) {
      w.u16(88).u16(0);
    }
    w.bytes(new byte[6]).u16(88).u16(0).u16(88).u16(0);
    w.u16('h');
    Login7 l = Login7.decode(w.toByteArray());
    assertThat(l.tdsVersion()).contains(TdsVersion.V7_1);
    assertThat(l.hostName()).isEqualTo("h");
    assertThat(l.changePassword()).isEmpty();
  }

  @Test
  void toStringHidesThePassword() {
    Login7 l = Login7.builder().password("hunter2").changePassword("hunter3").build();
    assertThat(l.toString()).doesNotContain("hunter");
  }
}
