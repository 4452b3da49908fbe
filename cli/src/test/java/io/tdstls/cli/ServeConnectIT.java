package io.tdstls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code serve} in each policy, and {@code connect -Q} against it in each mode, both from the real jar. */
class ServeConnectIT {

  static final String VERIFY = "SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID";
  static final Duration START = Duration.ofSeconds(30);

  @TempDir Path dir;

  static List<String> policyFlags(String policy) {
    switch (policy) {
      case "strict-required":
        return List.of("--strict", "required");
      default:
        return List.of("--encryption", policy);
    }
  }

  static int port(String startup) {
    Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(startup);
    assertThat(m.find()).as(startup).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @ParameterizedTest(name = "serve --{0}")
  @ValueSource(strings = {"available", "forced", "not-supported", "strict-required"})
  void connectInEveryModeAgainstEachPolicy(String policy) throws Exception {
    List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--user", "app:Pw-12345",
        "--cert-dir", dir.toString()));
    serve.addAll(policyFlags(policy));
    try (Tool.Background server = Tool.start(serve.toArray(new String[0]))) {
      String startup = server.awaitOutput("stops the server", START);
      int port = port(startup);
      Path pem = dir.resolve("tds-tls-serve-certificate.pem");
      Matcher sha = Pattern.compile("SHA-256 ([0-9A-F:]{95})").matcher(startup);
      boolean tls = !policy.equals("not-supported");
      assertThat(sha.find()).isEqualTo(tls);
      List<String> loggedIn = new ArrayList<>();
      for (EncryptMode mode : EncryptMode.values()) {
        List<String> args = new ArrayList<>(List.of("connect", "-H", "127.0.0.1", "-p", Integer.toString(port),
            "-U", "app", "-P", "Pw-12345", "--encrypt", mode.label(), "--timeout", "10", "-Q", VERIFY));
        if (tls && mode == EncryptMode.STRICT) {
          args.addAll(List.of("--server-certificate", pem.toString()));
        } else if (tls) {
          args.addAll(List.of("--server-certificate-sha256", sha.group(1)));
        }
        Tool.Result r = Tool.run(args.toArray(new String[0]));
        String expected = Expected.outcome(mode, policy);
        String what = mode.label() + " against " + policy + ": " + r.out() + r.err();
        if (expected.startsWith("refused:")) {
          TdsException.Kind kind = TdsException.Kind.valueOf(expected.substring("refused:".length()));
          assertThat(r.exit()).as(what).isEqualTo(ExitCode.of(kind).code());
          assertThat(r.err()).as(what).startsWith("tds-tls connect: ");
        } else {
          assertThat(r.exit()).as(what).isZero();
          assertThat(r.out()).as(what).containsPattern("(?m)^encryption +" + expected + "$")
              .containsPattern("(?m)^encrypt_option\\s*$")
              .containsPattern("(?m)^" + Expected.encryptOption(expected) + "\\s*$");
          loggedIn.add("logged in, " + expected);
        }
        assertThat(r.out() + r.err()).doesNotContain("Pw-12345");
      }
      String log = server.awaitError(loggedIn.isEmpty() ? "conn " : loggedIn.get(loggedIn.size() - 1), START);
      for (String line : loggedIn) {
        assertThat(log).contains(line);
      }
      assertThat(log.lines()).allMatch(l -> l.matches("^\\S+ (INFO|WARNING) \\S+: .*"));
    }
  }
}
