package io.tdstls.msal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.client.config.ConnectionStrings;
import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.LoginMethod;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the MSAL provider decides before it talks to any token service (the sign-ins are interop tests). */
class MsalTokenProviderTest {

  @Test
  void theScopeIsTheSpnWithDefaultAppendedAsMicrosoftsDriversDo() {
    assertThat(MsalTokenProvider.scopeFor("https://database.windows.net/")).isEqualTo("https://database.windows.net//.default");
    assertThat(MsalTokenProvider.scopeFor("api://sql/.default")).isEqualTo("api://sql/.default");
  }

  @Test
  void aConnectionStringWithServicePrincipalGetsTheMsalProviderThroughTheServiceLoader() throws Exception {
    ConnectionConfig c = ConnectionStrings.parse("Server=db;Encrypt=true;Authentication=ActiveDirectoryServicePrincipal;"
        + "User ID=client-1;Password=s3cret");
    assertThat(c.authentication().method()).isEqualTo(LoginMethod.FEDAUTH_INFO_REQUEST);
    assertThat(c.authentication().tokenProvider().orElseThrow()).isInstanceOf(MsalTokenProvider.class)
        .hasToString("MsalTokenProvider(service principal client-1, ENTRA_ID)");
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void valuesMsalDoesNotServeAreLeftToOthers() {
    assertThat(new MsalTokenProviderFactory().create("ActiveDirectoryManagedIdentity", Optional.empty(), Optional.empty()))
        .isEmpty();
  }

  @Test
  void missingSettingsAreConfigErrorsWithAdvice() {
    MsalTokenProviderFactory f = new MsalTokenProviderFactory();
    assertThatThrownBy(() -> f.create("ActiveDirectoryServicePrincipal", Optional.of("client-1"), Optional.empty()))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining("secret (Password)");
    assertThatThrownBy(() -> f.create("ActiveDirectoryPassword", Optional.of("alice"), Optional.of("pw".toCharArray())))
        .isInstanceOf(TdsConfigException.class).hasMessageContaining(MsalTokenProviderFactory.CLIENT_ID_PROPERTY);
  }

  @Test
  void aPlainHttpTokenServiceOrASecurityTokenLoginIsRefusedBeforeAnyRequest() {
    MsalTokenProvider p = MsalTokenProvider.servicePrincipal("client-1", "s3cret").build();
    assertThatThrownBy(() -> p.token(new TokenRequest("db", 1433, "http://sts.example/tenant", "https://database.windows.net/")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("https only");
    assertThatThrownBy(() -> p.token(new TokenRequest("db", 1433, "", "")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("FEDAUTHINFO");
  }
}
