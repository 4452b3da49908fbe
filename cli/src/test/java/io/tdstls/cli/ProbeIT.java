package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code probe} against {@code serve} in each policy, both from the real jar, in text and JSON. */
class ProbeIT {

  @TempDir Path dir;

  @ParameterizedTest(name = "probe serve --{0}: {1}")
  @CsvSource({
    "available, login_only_offered, true, 3",
    "forced, encryption_forced, false, 1",
    "not-supported, no_tls, true, 3",
    "strict-required, strict_required_at_login, false, 1",
  })
  void probeClassifiesEachPolicy(String policy, String posture, boolean cleartext, int exit) throws Exception {
    List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--user", "app:Pw-12345",
        "--cert-dir", dir.toString()));
    serve.addAll(ServeConnectIT.policyFlags(policy));
    try (Tool.Background server = Tool.start(serve.toArray(new String[0]))) {
      int port = ServeConnectIT.port(server.awaitOutput("stops the server", ServeConnectIT.START));
      String target = "127.0.0.1:" + port;

      Tool.Result text = Tool.run("probe", "--timeout", "5", target);
      assertThat(text.exit()).as(text.out() + text.err()).isEqualTo(exit);
      assertThat(text.out()).contains("== " + target + " ==").contains("no credentials are ever sent")
          .contains("cleartext login (client sends ENCRYPT_NOT_SUP): " + (cleartext ? "ACCEPTED" : "refused"));
      if (!policy.equals("not-supported")) {
        assertThat(text.out()).contains("TLS 1.2  accepted").contains("Strict (TDS 8.0, TLS first): "
            + (policy.equals("strict-required") ? "REQUIRED" : "supported")).contains("Cipher suites strict (TLS first)");
      }

      Tool.Result json = Tool.run("probe", "--json", "--timeout", "5", target);
      assertThat(json.exit()).isEqualTo(exit);
      JsonNode doc = new ObjectMapper().readTree(json.out());
      JsonNode t = doc.get("targets").get(0);
      assertThat(t.get("posture").asText()).isEqualTo(posture);
      assertThat(t.get("cleartextLoginAccepted").asBoolean()).isEqualTo(cleartext);
      assertThat(doc.get("exitCode").asInt()).isEqualTo(exit);
      assertThat(t.get("server").toString()).contains("SQL Server 2022");
    }
  }
}
