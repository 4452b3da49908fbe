package io.tdstls.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.login.FedAuthWorkflow;
import org.junit.jupiter.api.Test;

/** The JDBC and ADO.NET authentication vocabulary mapped onto {@link ClientAuthentication}. */
class AuthenticationKeywordsTest {

  @Test
  void jdbcAccessTokenIsASecurityTokenLoginAndIsNeverPrinted() throws Exception {
    ConnectionConfig c = ConnectionStrings.parse("jdbc:sqlserver://db;encrypt=true;accessToken=eyJhbGciOi.secret.part");
    assertThat(c.authentication().method()).isEqualTo(LoginMethod.SECURITY_TOKEN);
    assertThat(c.authentication().tokenProvider().orElseThrow().token(new TokenRequest("db", 1433, "", "")))
        .isEqualTo("eyJhbGciOi.secret.part");
    assertThat(c.toString()).doesNotContain("secret").contains("authentication=AccessToken");
  }

  @Test
  void integratedSecurityInEverySpellingIsKerberos() {
    for (String s : new String[] {
      "jdbc:sqlserver://db:1444;encrypt=true;integratedSecurity=true;authenticationScheme=JavaKerberos",
      "Server=db,1444;Encrypt=true;Integrated Security=SSPI",
      "Server=db,1444;Encrypt=true;Trusted_Connection=yes"}) {
      ConnectionConfig c = ConnectionStrings.parse(s);
      assertThat(c.authentication().method()).as(s).isEqualTo(LoginMethod.SSPI);
      assertThat(c.authentication().serverSpn("db", 1444)).as(s).isEqualTo("MSSQLSvc/db:1444");
    }
    ConnectionConfig given = ConnectionStrings.parse("Server=db;Encrypt=strict;Integrated Security=true;"
        + "ServerSPN=MSSQLSvc/sql.corp.example:1433@CORP.EXAMPLE");
    assertThat(given.authentication().serverSpn("db", 1433)).isEqualTo("MSSQLSvc/sql.corp.example:1433@CORP.EXAMPLE");
  }

  @Test
  void authenticationKeywordsMapToWorkflows() {
    assertThat(ConnectionStrings.parse("Server=db;Encrypt=true;Authentication=ActiveDirectoryPassword")
        .authentication().workflow()).contains(FedAuthWorkflow.USERNAME_PASSWORD);
    assertThat(ConnectionStrings.parse("Server=db;Encrypt=true;Authentication=Active Directory Integrated")
        .authentication().workflow()).contains(FedAuthWorkflow.INTEGRATED);
    assertThat(ConnectionStrings.parse("jdbc:sqlserver://db;encrypt=true;authentication=ActiveDirectoryDefault")
        .authentication().workflow()).contains(FedAuthWorkflow.DEFAULT);
    assertThat(ConnectionStrings.parse("Server=db;Authentication=SqlPassword").authentication())
        .isSameAs(ClientAuthentication.sqlPassword());
  }

  @Test
  void aFederatedKeywordWithoutAProviderFailsClearlyWhenTheTokenIsNeeded() {
    ClientAuthentication a = ConnectionStrings.parse("Server=db;Encrypt=true;Authentication=ActiveDirectoryInteractive")
        .authentication();
    assertThatThrownBy(() -> a.tokenProvider().orElseThrow().token(new TokenRequest("db", 1433, "https://sts", "spn")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("needs a token provider");
  }

  @Test
  void tokenAndKerberosLoginsNeedFullEncryption() {
    assertThatThrownBy(() -> ConnectionStrings.parse("jdbc:sqlserver://db;encrypt=false;accessToken=t"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("Encrypt=mandatory or strict");
    assertThatThrownBy(() -> ConnectionStrings.parse("Server=db;Encrypt=optional;Integrated Security=SSPI"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("login-only");
  }

  @Test
  void contradictionsAndUnsupportedSchemesAreRefused() {
    assertThatThrownBy(() -> ConnectionStrings.parse("jdbc:sqlserver://db;integratedSecurity=true;authenticationScheme=NTLM"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("JavaKerberos");
    assertThatThrownBy(() -> ConnectionStrings.parse(
        "jdbc:sqlserver://db;accessToken=t;authentication=ActiveDirectoryPassword"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("cannot be combined");
    assertThatThrownBy(() -> ConnectionStrings.parse("Server=db;ServerSPN=x"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("without integrated security");
    assertThatThrownBy(() -> ConnectionStrings.parse("Server=db;Authentication=Kerberos9"))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("ActiveDirectoryPassword");
  }
}
