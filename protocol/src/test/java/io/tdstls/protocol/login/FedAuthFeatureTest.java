package io.tdstls.protocol.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors for the FEDAUTH FeatureExt ([MS-TDS] 2.2.6.4) and the FEDAUTH_TOKEN message (2.2.6.3). */
class FedAuthFeatureTest {

  private static final byte[] NONCE = new byte[32];

  static {
    Arrays.fill(NONCE, (byte) 0x5A);
  }

  @Test
  void securityTokenIsOptionsThenLengthThenUtf16Token() {
    FeatureExt f = FedAuthFeature.securityToken("ab", false, null).toFeatureExt();
    assertThat(f.id()).isEqualTo(0x02);
    // options: library 0x01 << 1 | echo 0 = 0x02; DWORD 4; "ab" in UTF-16LE
    assertThat(Hex.of(f.data())).isEqualToIgnoringCase("02" + "04000000" + "61006200");
  }

  @Test
  void echoIsTheLowBitAndTheNonceFollowsTheToken() throws Exception {
    FedAuthFeature sent = FedAuthFeature.securityToken("ab", true, NONCE);
    FeatureExt f = sent.toFeatureExt();
    assertThat(Hex.of(f.data())).isEqualToIgnoringCase("03" + "04000000" + "61006200" + "5A".repeat(32));
    FedAuthFeature back = FedAuthFeature.decode(f);
    assertThat(back).isEqualTo(sent);
    assertThat(back.token()).contains("ab");
    assertThat(back.nonce()).hasValueSatisfying(n -> assertThat(n).isEqualTo(NONCE));
  }

  @Test
  void msalInfoRequestIsOptionsThenWorkflow() throws Exception {
    FedAuthFeature sent = FedAuthFeature.infoRequest(FedAuthWorkflow.DEFAULT, true);
    FeatureExt f = sent.toFeatureExt();
    // library 0x02 << 1 | 1 = 0x05 (the value the spec errata discussion uses); workflow 0x03
    assertThat(Hex.of(f.data())).isEqualToIgnoringCase("0503");
    assertThat(FedAuthFeature.decode(f)).isEqualTo(sent);
    assertThat(FedAuthFeature.decode(new FeatureExt(2, Hex.bytes("0401"))).workflow())
        .contains(FedAuthWorkflow.USERNAME_PASSWORD);
  }

  @Test
  void insideLogin7TheFeatureRoundTrips() throws Exception {
    Login7 l = Login7.builder().fedAuth(FedAuthFeature.securityToken("eyJ.x.y", false, null)).build();
    assertThat(l.hasExtension()).isTrue();
    Login7 back = Login7.decode(l.encode());
    assertThat(back.fedAuth()).hasValueSatisfying(f -> assertThat(f.token()).contains("eyJ.x.y"));
    assertThat(back.toString()).doesNotContain("eyJ");
    assertThat(Login7.builder().build().fedAuth()).isEmpty();
  }

  @Test
  void malformedDataIsATypedError() {
    assertThatThrownBy(() -> FedAuthFeature.decode(new FeatureExt(2, Hex.bytes("0A"))))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("bFedAuthLibrary 0x05");
    assertThatThrownBy(() -> FedAuthFeature.decode(new FeatureExt(2, Hex.bytes("02 10000000 6100"))))
        .isInstanceOf(TdsProtocolException.class);
    assertThatThrownBy(() -> FedAuthFeature.decode(new FeatureExt(2, Hex.bytes("0509"))))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("workflow 0x09");
    assertThatThrownBy(() -> FedAuthFeature.decode(new FeatureExt(2, Hex.bytes("050300"))))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("unexpected bytes");
  }

  @Test
  void tokenMessageIsDataLenThenLVarbyteThenNonce() throws Exception {
    FedAuthTokenMessage m = new FedAuthTokenMessage("ab", NONCE);
    byte[] wire = m.encode();
    // DataLen = 4 + 4 + 32 = 40 (0x28)
    assertThat(Hex.of(wire)).isEqualToIgnoringCase("28000000" + "04000000" + "61006200" + "5A".repeat(32));
    assertThat(FedAuthTokenMessage.decode(wire)).isEqualTo(m);
    assertThat(Hex.of(new FedAuthTokenMessage("ab", null).encode())).isEqualToIgnoringCase("08000000" + "04000000" + "61006200");
    assertThat(m.toString()).doesNotContain("ab,").contains("hidden");
  }

  @Test
  void tokenMessageWithBadLengthsIsRefused() {
    assertThatThrownBy(() -> FedAuthTokenMessage.decode(Hex.bytes("09000000 04000000 61006200")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("DataLen 9");
    assertThatThrownBy(() -> FedAuthTokenMessage.decode(Hex.bytes("09000000 04000000 61006200 00")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("32-byte nonce");
  }
}
