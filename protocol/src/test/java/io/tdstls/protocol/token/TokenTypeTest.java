package io.tdstls.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenTypeTest {

  @Test
  void codesAreTheSpecificationsAndFromCodeInvertsThem() throws Exception {
    assertThat(TokenType.COLMETADATA.code()).isEqualTo(0x81);
    assertThat(TokenType.DONE.code()).isEqualTo(0xFD);
    assertThat(TokenType.DONEPROC.code()).isEqualTo(0xFE);
    assertThat(TokenType.DONEINPROC.code()).isEqualTo(0xFF);
    assertThat(TokenType.ENVCHANGE.code()).isEqualTo(0xE3);
    assertThat(TokenType.LOGINACK.code()).isEqualTo(0xAD);
    assertThat(TokenType.NBCROW.code()).isEqualTo(0xD2);
    assertThat(TokenType.FEATUREEXTACK.code()).isEqualTo(0xAE);
    for (TokenType t : TokenType.values()) {
      assertThat(TokenType.fromCode(t.code(), 0)).isEqualTo(t);
    }
    assertThat(Arrays.stream(TokenType.values()).mapToInt(TokenType::code).distinct().count())
        .isEqualTo(TokenType.values().length);
  }

  @Test
  void unknownCodeIsATypedErrorWithItsOffset() {
    assertThatThrownBy(() -> TokenType.fromCode(0x02, 7)).isInstanceOf(TdsProtocolException.class)
        .extracting(e -> ((TdsProtocolException) e).offset()).isEqualTo(7);
  }

  @Test
  void envChangeCodesAndDoneBits() {
    assertThat(EnvChangeType.fromCode(7)).isEqualTo(EnvChangeType.SQL_COLLATION);
    assertThat(EnvChangeType.fromCode(20)).isEqualTo(EnvChangeType.ROUTING);
    assertThat(EnvChangeType.fromCode(99)).isNull();
    assertThat(DoneStatus.toBits(DoneStatus.MORE, DoneStatus.ERROR, DoneStatus.IN_TRANSACTION,
        DoneStatus.COUNT, DoneStatus.ATTENTION, DoneStatus.SERVER_ERROR)).isEqualTo(0x137);
    assertThat(DoneStatus.fromBits(0x8011)).containsExactlyInAnyOrder(DoneStatus.MORE, DoneStatus.COUNT);
  }

  @Test
  void envChangeFactoriesBuildTheTypedChanges() {
    assertThat(EnvChange.packetSize(8000, 4096))
        .isEqualTo(new EnvChange.Text(EnvChangeType.PACKET_SIZE, "8000", "4096"));
    assertThat(EnvChange.routing("h", 1433)).isEqualTo(new EnvChange.Routing(0, 1433, "h"));
    assertThat(EnvChange.database("a", "b").typeCode()).isEqualTo(1);
    assertThat(EnvChange.language("a", "b").typeCode()).isEqualTo(2);
  }

  @Test
  void unknownEnvChangeTypeKeepsItsRawBytes() throws Exception {
    byte[] wire = io.tdstls.protocol.Hex.bytes("E3 0300 63 0102");
    EnvChange e = (EnvChange) new TokenDecoder(io.tdstls.protocol.login.TdsVersion.V7_4).decode(wire).get(0);
    assertThat(e).isEqualTo(new EnvChange.Other(0x63, new byte[] {1, 2}));
    assertThat(new TokenEncoder(io.tdstls.protocol.login.TdsVersion.V7_4).encode(e)).isEqualTo(wire);
  }
}
