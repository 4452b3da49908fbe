package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --version}, {@code version --json}, {@code --help}, from the real jar. */
class VersionIT {

  @Test
  void versionPrintsToolVersionAndTlsCapabilities() throws Exception {
    Tool.Result r = Tool.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("tds-tls 0.").contains("Java: " + System.getProperty("java.version"))
        .contains("Security providers: SUN").contains("TLS protocols enabled: TLSv1.3, TLSv1.2")
        .contains("OpenSSL (netty-tcnative): yes");
    for (String suite : SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()) {
      assertThat(r.out()).contains(suite);
    }
  }

  @Test
  void versionAsJson() throws Exception {
    Tool.Result r = Tool.run("version", "--json");
    assertThat(r.exit()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("version").asText()).startsWith("0.");
    List<String> enabled = new ArrayList<>();
    doc.get("enabled_protocols").forEach(n -> enabled.add(n.asText()));
    assertThat(enabled).containsExactly(SSLContext.getDefault().getDefaultSSLParameters().getProtocols());
    assertThat(doc.get("supported_cipher_suites").size())
        .isEqualTo(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites().length);
    assertThat(doc.get("openssl").asText()).startsWith("yes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "connect", "serve", "version"})
  void everyCommandHasHelpWithExamples(String command) throws Exception {
    Tool.Result r = Tool.run(command, "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: tds-tls " + command).contains("Examples:").contains("tds-tls " + command);
  }

  @Test
  void usageErrorExitsWithTwo() throws Exception {
    Tool.Result r = Tool.run("connect", "--encrypt");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--encrypt").contains("--help");
  }
}
