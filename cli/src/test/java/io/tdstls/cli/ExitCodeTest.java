package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exit codes: one per error kind, distinct from 0, 1 and 2; usage errors give 2. */
class ExitCodeTest {

  @Test
  void everyErrorKindHasItsOwnCode() {
    Set<Integer> codes = new HashSet<>();
    for (TdsException.Kind kind : TdsException.Kind.values()) {
      int code = ExitCode.of(kind).code();
      assertThat(code).isGreaterThan(2);
      assertThat(codes.add(code)).as("code %d for %s is unique", code, kind).isTrue();
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Main.run("connect", "--no-such-option")).isEqualTo(2);
    assertThat(Main.run("demo", "--trust", "nobody")).isEqualTo(2);
    assertThat(Main.run("connect", "-U", "app")).isEqualTo(2);
    assertThat(Main.run()).isEqualTo(2);
    assertThat(Main.run("probe")).isEqualTo(2);
  }
}
