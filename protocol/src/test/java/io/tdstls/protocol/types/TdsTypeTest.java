package io.tdstls.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TdsTypeTest {

  @Test
  void codesAreTheSpecifications() throws Exception {
    int[][] expected = {{0x30, TdsType.INT1.ordinal()}, {0x32, TdsType.BIT.ordinal()},
        {0x34, TdsType.INT2.ordinal()}, {0x38, TdsType.INT4.ordinal()}, {0x7F, TdsType.INT8.ordinal()},
        {0x3A, TdsType.DATETIM4.ordinal()}, {0x3B, TdsType.FLT4.ordinal()},
        {0x3C, TdsType.MONEY.ordinal()}, {0x3D, TdsType.DATETIME.ordinal()},
        {0x3E, TdsType.FLT8.ordinal()}, {0x7A, TdsType.MONEY4.ordinal()}, {0x1F, TdsType.NULL.ordinal()},
        {0x24, TdsType.GUID.ordinal()}, {0x26, TdsType.INTN.ordinal()}, {0x6A, TdsType.DECIMALN.ordinal()},
        {0x6C, TdsType.NUMERICN.ordinal()}, {0x28, TdsType.DATEN.ordinal()},
        {0x2B, TdsType.DATETIMEOFFSETN.ordinal()}, {0xA7, TdsType.BIGVARCHR.ordinal()},
        {0xE7, TdsType.NVARCHAR.ordinal()}, {0xEF, TdsType.NCHAR.ordinal()}, {0xF1, TdsType.XML.ordinal()}};
    for (int[] e : expected) {
      assertThat(TdsType.fromCode(e[0], "TYPE_INFO", 0)).isEqualTo(TdsType.values()[e[1]]);
    }
    assertThat(Arrays.stream(TdsType.values()).mapToInt(TdsType::code).distinct().count())
        .isEqualTo(TdsType.values().length);
  }

  @Test
  void sortIdsMapToTheirCodePages() {
    assertThat(new Collation(0x0409, 0, 0, 30).charset().name()).isEqualTo("IBM437");
    assertThat(new Collation(0x0409, 0, 0, 40).charset().name()).isEqualTo("IBM850");
    assertThat(new Collation(0x0409, 0, 0, 104).charset().name()).isEqualTo("windows-1251");
    // an unknown sort id falls back to the LCID's code page
    assertThat(new Collation(0x0408, 0, 0, 250).charset().name()).isEqualTo("windows-1253");
  }
}
