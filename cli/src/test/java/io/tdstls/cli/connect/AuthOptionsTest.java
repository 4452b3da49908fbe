package io.tdstls.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.LoginMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect --access-token-file}, {@code --kerberos} and {@code --server-spn}. */
class AuthOptionsTest {

  @TempDir Path dir;

  @Test
  void theTokenComesFromTheFileAndIsNeverPrinted() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.secret-claims.sig\n");
    ConnectionConfig c = ConnectOptionsTest.parse("-H", "db", "--access-token-file", file.toString());
    assertThat(c.authentication().method()).isEqualTo(LoginMethod.SECURITY_TOKEN);
    assertThat(c.authentication().tokenProvider().orElseThrow().token(new TokenRequest("db", 1433, "", "")))
        .isEqualTo("eyJhbGciOiJSUzI1NiJ9.secret-claims.sig");
    assertThat(c.toString()).doesNotContain("secret-claims");
  }

  @Test
  void tokenLoginsNeedFullEncryption() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "t");
    assertThatThrownBy(() -> ConnectOptionsTest.parse("-H", "db", "--encrypt", "optional", "--access-token-file",
        file.toString())).isInstanceOf(TdsConfigException.class).hasMessageContaining("mandatory or strict");
    assertThatThrownBy(() -> ConnectOptionsTest.parse("-H", "db", "--access-token-file", dir.resolve("none").toString()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("cannot read the access token file");
  }

  @Test
  void kerberosWithAGivenSpn() {
    ConnectionConfig c = ConnectOptionsTest.parse("-H", "db", "-p", "1444", "--kerberos", "--server-spn",
        "MSSQLSvc/db.corp:1444@CORP");
    assertThat(c.authentication().method()).isEqualTo(LoginMethod.SSPI);
    assertThat(c.authentication().serverSpn("db", 1444)).isEqualTo("MSSQLSvc/db.corp:1444@CORP");
    assertThat(ConnectOptionsTest.parse("-H", "db", "-p", "1444", "--kerberos").authentication().serverSpn("db", 1444))
        .isEqualTo("MSSQLSvc/db:1444");
    assertThatThrownBy(() -> ConnectOptionsTest.parse("-H", "db", "--server-spn", "x"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("--kerberos");
  }
}
