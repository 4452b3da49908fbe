package io.tdstls.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tdstls.error.TdsConfigException;
import io.tdstls.server.auth.LoginVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}'s token and Kerberos options. */
class ServeAuthOptionsTest {

  @TempDir Path dir;

  LoginVerifier verifier(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.auth.verifier(io.tdstls.server.Authenticator.users(Map.of("sa", "pw")));
  }

  @Test
  void tokensAndTheInformationRequestAreConfiguredTogether() throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"),
        new JWKSet(new RSAKeyGenerator(2048).generate().toPublicJWK()).toString());
    LoginVerifier v = verifier("--token-issuer", "https://sts.example/t", "--token-audience",
        "https://database.windows.net/", "--token-jwks", jwks.toString(), "--fedauth-sts-url", "https://sts.example/t/token");
    assertThat(v.describe()).isEqualTo("SQL password, security token, federated information request"
        + " (STS https://sts.example/t/token, SPN https://database.windows.net/)");
    assertThat(verifier().describe()).isEqualTo("SQL password");
  }

  @Test
  void incompleteOptionsSayWhatIsMissing() {
    assertThatThrownBy(() -> verifier("--token-issuer", "https://sts.example/t"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--token-audience");
    assertThatThrownBy(() -> verifier("--keytab", dir.resolve("k").toString()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--service-principal");
    assertThatThrownBy(() -> verifier("--keytab", dir.resolve("missing").toString(), "--service-principal", "a@B"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("cannot read the keytab");
  }
}
