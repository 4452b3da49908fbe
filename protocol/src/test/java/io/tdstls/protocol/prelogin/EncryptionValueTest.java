package io.tdstls.protocol.prelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ENCRYPTION byte keeps any value, names the valid ones and shows the rest in hex. */
class EncryptionValueTest {

  private static final Set<Integer> VALID = Set.of(0x00, 0x01, 0x02, 0x03, 0x80, 0x81, 0x83);

  @ParameterizedTest(name = "0x{0} -> {1}")
  @CsvSource({
    "00, ENCRYPT_OFF",
    "01, ENCRYPT_ON",
    "02, ENCRYPT_NOT_SUP",
    "03, ENCRYPT_REQ",
    "80, ENCRYPT_CLIENT_CERT|ENCRYPT_OFF",
    "81, ENCRYPT_CLIENT_CERT|ENCRYPT_ON",
    "83, ENCRYPT_CLIENT_CERT|ENCRYPT_REQ",
    "04, 0x04 (invalid)",
    "2A, 0x2A (invalid)",
    "7F, 0x7F (invalid)",
    "82, 0x82 (invalid)",
    "84, 0x84 (invalid)",
    "FF, 0xFF (invalid)",
  })
  void toStringNamesValidBytesAndShowsInvalidOnesInHex(String hex, String expected) {
    assertThat(EncryptionValue.of(Integer.parseInt(hex, 16))).hasToString(expected);
  }

  @Test
  void everyInvalidByteShowsItsHexValue() {
    for (int b = 0; b <= 0xFF; b++) {
      EncryptionValue v = EncryptionValue.of(b);
      if (!VALID.contains(b)) {
        assertThat(v.toString()).contains(String.format("0x%02X", b)).contains("invalid");
      } else {
        assertThat(v.toString()).startsWith("ENCRYPT_").doesNotContain("invalid");
      }
    }
  }

  @Test
  void isValidExactlyForTheSevenSpecifiedBytes() {
    for (int b = 0; b <= 0xFF; b++) {
      assertThat(EncryptionValue.of(b).isValid()).as("0x%02X", b).isEqualTo(VALID.contains(b));
    }
  }

  @Test
  void levelAndClientCertForAllBytes() {
    EncryptionLevel[] byCode = {EncryptionLevel.OFF, EncryptionLevel.ON, EncryptionLevel.NOT_SUP, EncryptionLevel.REQ};
    for (int b = 0; b <= 0xFF; b++) {
      EncryptionValue v = EncryptionValue.of(b);
      int base = b % 128;
      Optional<EncryptionLevel> expected = base < byCode.length ? Optional.of(byCode[base]) : Optional.empty();

      assertThat(v.raw()).isEqualTo(b);
      assertThat(v.clientCert()).as("0x%02X", b).isEqualTo(b >= 128);
      assertThat(v.level()).as("0x%02X", b).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "0x{0}: level {1}, CLIENT_CERT {2}")
  @CsvSource({
    "00, OFF,     false",
    "03, REQ,     false",
    "04, ,        false",
    "7F, ,        false",
    "80, OFF,     true",
    "82, NOT_SUP, true",
    "83, REQ,     true",
    "84, ,        true",
    "FF, ,        true",
  })
  void levelAndClientCertSamples(String hex, EncryptionLevel level, boolean clientCert) {
    EncryptionValue v = EncryptionValue.of(Integer.parseInt(hex, 16));

    assertThat(v.level()).isEqualTo(Optional.ofNullable(level));
    assertThat(v.clientCert()).isEqualTo(clientCert);
  }

  @ParameterizedTest
  @EnumSource(EncryptionLevel.class)
  void ofLevelSetsTheFlagOnTheBaseCode(EncryptionLevel level) {
    assertThat(EncryptionValue.of(level, false).raw()).isEqualTo(level.code());
    assertThat(EncryptionValue.of(level, true).raw()).isEqualTo(level.code() | 0x80);
    assertThat(EncryptionValue.of(level, true).level()).contains(level);
    assertThat(EncryptionValue.of(level, false)).isEqualTo(EncryptionValue.of(level.code()));
  }

  @Test
  void namedConstantsAreTheFourBaseBytes() {
    assertThat(EncryptionValue.OFF.raw()).isZero();
    assertThat(EncryptionValue.ON.raw()).isEqualTo(1);
    assertThat(EncryptionValue.NOT_SUP.raw()).isEqualTo(2);
    assertThat(EncryptionValue.REQ.raw()).isEqualTo(3);
    assertThat(EncryptionValue.CLIENT_CERT_FLAG).isEqualTo(0x80);
  }

  @Test
  void equalityIsByRawByte() {
    for (int b = 0; b <= 0xFF; b++) {
      assertThat(EncryptionValue.of(b)).isEqualTo(EncryptionValue.of(b)).hasSameHashCodeAs(EncryptionValue.of(b));
      assertThat(EncryptionValue.of(b)).isNotEqualTo(EncryptionValue.of((b + 1) & 0xFF));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256, 0x1FF})
  void moreThanOneByteIsRejected(int raw) {
    assertThatThrownBy(() -> EncryptionValue.of(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void levelsCarryTheirCodesAndSayWhetherTheyWantEncryption() {
    for (EncryptionLevel l : EncryptionLevel.values()) {
      assertThat(EncryptionLevel.fromCode(l.code())).isEqualTo(l);
    }
    assertThat(EncryptionLevel.fromCode(4)).isNull();
    assertThat(EncryptionLevel.fromCode(-1)).isNull();
    assertThat(EncryptionLevel.OFF.wantsEncryption()).isFalse();
    assertThat(EncryptionLevel.ON.wantsEncryption()).isTrue();
    assertThat(EncryptionLevel.NOT_SUP.wantsEncryption()).isFalse();
    assertThat(EncryptionLevel.REQ.wantsEncryption()).isTrue();
  }
}
