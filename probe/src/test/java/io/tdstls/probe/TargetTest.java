package io.tdstls.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "db.example.com | db.example.com | 1433 | db.example.com:1433",
    "db:14330 | db | 14330 | db:14330",
    "127.0.0.1:1 | 127.0.0.1 | 1 | 127.0.0.1:1",
    "[::1]:1433 | ::1 | 1433 | [::1]:1433",
    "[::1] | ::1 | 1433 | [::1]:1433",
    "fe80::1 | fe80::1 | 1433 | [fe80::1]:1433",
  })
  void parses(String text, String host, int port, String shown) {
    Target t = Target.parse(text);
    assertThat(t.host()).isEqualTo(host);
    assertThat(t.port()).isEqualTo(port);
    assertThat(t).hasToString(shown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "db:", "db:x", "db:0", "db:70000", "[::1", "[::1]x", ":1433"})
  void rejects(String text) {
    assertThatThrownBy(() -> Target.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
