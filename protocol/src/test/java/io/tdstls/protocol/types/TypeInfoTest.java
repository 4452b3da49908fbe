package io.tdstls.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeInfoTest {

  static final List<TypeInfo> SAMPLES = List.of(
      TypeInfo.of(TdsType.INT4), TypeInfo.of(TdsType.INTN, 8), TypeInfo.of(TdsType.BITN, 1),
      TypeInfo.of(TdsType.GUID, 16), TypeInfo.decimal(TdsType.NUMERICN, 38, 10),
      TypeInfo.of(TdsType.DATEN), TypeInfo.scaled(TdsType.DATETIME2N, 3),
      TypeInfo.text(TdsType.NVARCHAR, 200, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS),
      TypeInfo.text(TdsType.BIGVARCHR, TypeInfo.MAX, new Collation(0x0419, 1, 0, 0)),
      TypeInfo.of(TdsType.BIGVARBIN, 16), TypeInfo.of(TdsType.XML),
      TypeInfo.text(TdsType.TEXT, Integer.MAX_VALUE, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS),
      TypeInfo.of(TdsType.IMAGE, Integer.MAX_VALUE));

  static byte[] encode(TypeInfo t) {
    WireWriter w = new WireWriter();
    t.encode(w);
    return w.toByteArray();
  }

  @Test
  void roundTripsEverySample() throws Exception {
    for (TypeInfo t : SAMPLES) {
      assertThat(TypeInfo.decode(new WireReader("TYPE_INFO", encode(t)))).isEqualTo(t);
    }
  }

  @Test
  void specExampleVarchar() throws Exception {
    TypeInfo t = TypeInfo.decode(new WireReader("TYPE_INFO", Hex.bytes("A703000904D00034")));
    assertThat(t.type()).isEqualTo(TdsType.BIGVARCHR);
    assertThat(t.maxLength()).isEqualTo(3);
    assertThat(t.collation()).isEqualTo(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
  }

  @Test
  void everyTruncationIsAProtocolError() {
    for (TypeInfo t : SAMPLES) {
      byte[] full = encode(t);
      for (int n = 0; n < full.length; n++) {
        byte[] prefix = Arrays.copyOf(full, n);
        assertThatThrownBy(() -> TypeInfo.decode(new WireReader("TYPE_INFO", prefix)))
            .as("%s prefix %d", t, n).isInstanceOf(TdsProtocolException.class);
      }
    }
  }

  @Test
  void unknownAndUnsupportedTypesAreProtocolErrors() {
    assertThatThrownBy(() -> TypeInfo.decode(new WireReader("TYPE_INFO", Hex.bytes("01"))))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("0x01");
    assertThatThrownBy(() -> TypeInfo.decode(new WireReader("TYPE_INFO", Hex.bytes("62"))))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("SSVARIANT");
  }

  @Test
  void decimalPrecisionAboveMaxIsAProtocolError() {
    assertThatThrownBy(() -> TypeInfo.decode(new WireReader("TYPE_INFO", Hex.bytes("6A112700"))))
        .isInstanceOf(TdsProtocolException.class);
  }
}
