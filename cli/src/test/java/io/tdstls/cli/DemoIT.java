package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdstls.negotiation.EncryptMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code tds-tls demo} from the real jar: every mode against every policy, in seconds. */
class DemoIT {

  @Test
  void jsonHasEveryRowWithTheExpectedOutcome() throws Exception {
    long start = System.nanoTime();
    Tool.Result r = Tool.run("demo", "--json");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("trust").asText()).isEqualTo("pin");
    assertThat(doc.get("certificate").get("sha256").asText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    JsonNode rows = doc.get("rows");
    assertThat(rows.size()).isEqualTo(16);
    int i = 0;
    for (String policy : Expected.POLICIES) {
      for (EncryptMode mode : EncryptMode.values()) {
        JsonNode row = rows.get(i++);
        assertThat(row.get("mode").asText()).isEqualTo(mode.label());
        assertThat(row.get("policy").asText()).isEqualTo(policy);
        String actual = row.get("outcome").asText().equals("refused")
            ? "refused:" + row.get("error_kind").asText() : row.get("outcome").asText();
        assertThat(actual).as("%s against %s", mode.label(), policy).isEqualTo(Expected.outcome(mode, policy));
        boolean tls = actual.equals("login-only") || actual.equals("full") || actual.equals("strict");
        assertThat(row.get("tls_version").isNull()).isEqualTo(!tls);
        assertThat(row.get("cipher_suite").isNull()).isEqualTo(!tls);
        assertThat(row.get("reason").isNull()).isEqualTo(!actual.startsWith("refused"));
        assertThat(row.get("login_ms").asLong()).isBetween(0L, 10_000L);
      }
    }
  }

  @Test
  void tableHasOneLinePerModeAndPolicy() throws Exception {
    Tool.Result r = Tool.run("demo", "--trust", "ca-file");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode", "server policy", "outcome", "tls", "cipher suite", "login ms", "why")
        .contains("the generated CA, from a PEM file").doesNotContain("\u001b[");
    for (String policy : Expected.POLICIES) {
      for (EncryptMode mode : EncryptMode.values()) {
        String outcome = Expected.outcome(mode, policy).replaceFirst(":.*", "");
        assertThat(r.out()).containsPattern("(?m)^" + mode.label() + " +" + policy + " +" + outcome + " ");
      }
    }
    assertThat(r.out()).contains("17819").contains("ENCRYPT_REQ").contains("ENCRYPT_NOT_SUP");
  }
}
