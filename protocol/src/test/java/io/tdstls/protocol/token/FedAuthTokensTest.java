package io.tdstls.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.TdsVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors for FEDAUTHINFO (0xEE), SSPI (0xED) and the FEDAUTH FEATUREEXTACK (0xAE). */
class FedAuthTokensTest {

  private final TokenDecoder decoder = new TokenDecoder(TdsVersion.V7_4);
  private final TokenEncoder encoder = new TokenEncoder(TdsVersion.V7_4);

  @Test
  void fedAuthInfoOffsetsCountFromCountOfInfoIds() throws Exception {
    // SPN "s" (2 bytes) at offset 4 + 18 = 22, STS URL "u" (2 bytes) at 24; TokenLength 26
    String wire = "EE 1A000000 02000000" + "02 02000000 16000000" + "01 02000000 18000000" + "7300" + "7500";
    assertThat(Hex.of(encoder.encode(new FedAuthInfo("u", "s")))).isEqualToIgnoringCase(wire.replace(" ", ""));
    assertThat(decoder.decode(Hex.bytes(wire))).containsExactly(new FedAuthInfo("u", "s"));
  }

  @Test
  void fedAuthInfoItemsMayComeInAnyOrderAndUnknownIdsAreIgnored() throws Exception {
    String wire = "EE 23000000 03000000" + "09 00000000 1F000000" + "01 02000000 1F000000"
        + "02 02000000 21000000" + "7500" + "7300";
    assertThat(decoder.decode(Hex.bytes(wire))).containsExactly(new FedAuthInfo("u", "s"));
  }

  @Test
  void fedAuthInfoWithAnOffsetOutsideTheTokenIsRefused() {
    String wire = "EE 0F000000 01000000" + "01 02000000 30000000" + "7500";
    assertThatThrownBy(() -> decoder.decode(Hex.bytes(wire))).isInstanceOf(TdsProtocolException.class)
        .hasMessageContaining("outside the token data");
    assertThatThrownBy(() -> decoder.decode(Hex.bytes("EE 04000000 09000000")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("CountOfInfoIDs 9");
  }

  @Test
  void sspiTokenIsAUshortLengthThenBytes() throws Exception {
    byte[] wire = Hex.bytes("ED 0300 604801");
    List<Token> tokens = decoder.decode(wire);
    assertThat(tokens).containsExactly(new SspiToken(Hex.bytes("604801")));
    assertThat(encoder.encode(tokens)).isEqualTo(wire);
  }

  @Test
  void fedAuthFeatureAckWithoutDataIsIdTerminatedByFf() throws Exception {
    byte[] wire = Hex.bytes("AE 02 00000000 FF");
    FeatureExtAck ack = new FeatureExtAck(List.of(new FeatureExt(0x02, new byte[0])));
    assertThat(encoder.encode(ack)).isEqualTo(wire);
    assertThat(decoder.decode(wire)).containsExactly(ack);
  }
}
