package io.tdstls.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.cli.Expected;
import io.tdstls.cli.output.Style;
import io.tdstls.negotiation.EncryptMode;
import org.junit.jupiter.api.Test;

/** The demo in-process, with the client trusting the generated CA from a file. */
class DemoRunnerTest {

  @Test
  void everyModeAgainstEveryPolicyWithTheCaFile() throws Exception {
    DemoResult result = new DemoRunner(DemoTrust.CA_FILE).run();

    assertThat(result.rows()).hasSize(EncryptMode.values().length * DemoPolicy.values().length);
    for (DemoRow row : result.rows()) {
      String expected = Expected.outcome(row.mode(), row.policy().label());
      String actual = row.refusal().map(k -> "refused:" + k.name()).orElse(row.outcome());
      assertThat(actual).as("%s against %s", row.mode(), row.policy()).isEqualTo(expected);
      assertThat(row.tlsVersion() != null).as("TLS facts for %s", actual)
          .isEqualTo(!row.outcome().equals("none") && !row.outcome().equals(DemoRow.REFUSED));
      if ("strict".equals(row.outcome())) {
        assertThat(row.tlsVersion()).isEqualTo("TLSv1.3");
      } else if (row.tlsVersion() != null) {
        assertThat(row.tlsVersion()).isEqualTo("TLSv1.2");
      }
      assertThat(row.reason() == null).isEqualTo(row.errorKind() == null);
    }
  }

  @Test
  void plainTableHasOneLinePerRowAndNoEscapes() throws Exception {
    DemoResult result = new DemoRunner(DemoTrust.PIN).run();
    String text = DemoCommand.format(result, Style.plain());
    assertThat(text).doesNotContain("\u001b[");
    assertThat(text).contains(result.sha256()).contains("pinned");
    assertThat(text.lines().filter(l -> l.matches("^(off|optional|mandatory|strict) .*"))).hasSize(16);
  }
}
