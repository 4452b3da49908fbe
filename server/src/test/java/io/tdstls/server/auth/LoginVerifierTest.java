package io.tdstls.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.FedAuthTokenMessage;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.FedAuthInfo;
import io.tdstls.server.Authenticator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's login policy, one message at a time (no network). */
class LoginVerifierTest {

  private static final PreLogin SERVER = PreLogin.of(new Version(16, 0, 0, 0));
  private final TokenAuthenticator tokens = t -> {
    if (!t.equals("good")) {
      throw new io.tdstls.error.AuthenticationException("token refused: the token has expired", "", null);
    }
    return "alice@example.net";
  };
  private final LoginVerifier verifier = LoginVerifier.builder().passwords(Authenticator.users(Map.of("sa", "pw")))
      .tokens(tokens).fedAuthInfo("https://sts.example.net/t", "https://database.windows.net/").build();

  private static NegotiatedSecurity security(Outcome outcome) {
    return new NegotiatedSecurity(outcome, PreLogin.of(new Version(1, 0, 0, 0)), SERVER, null);
  }

  private static Login7 tokenLogin(String token) {
    return Login7.builder().fedAuth(FedAuthFeature.securityToken(token, false, null)).build();
  }

  @ParameterizedTest
  @EnumSource(value = Outcome.class, names = {"LOGIN_ONLY", "NONE"})
  void tokenAndSspiLoginsWithoutFullEncryptionGetLoginFailed(Outcome outcome) throws Exception {
    for (Login7 login : new Login7[] {tokenLogin("good"),
        Login7.builder().optionFlags2(Login7.OPTION2_INT_SECURITY).sspi(new byte[] {0x60, 1}).build()}) {
      LoginStep step = verifier.start(security(outcome)).onLogin7(login);
      assertThat(step).isInstanceOf(LoginStep.Refused.class);
      LoginStep.Refused r = (LoginStep.Refused) step;
      assertThat(r.number()).isEqualTo(18456);
      assertThat(r.message()).contains("requires the whole session to be encrypted").contains(outcome.label());
    }
  }

  @Test
  void aGoodTokenIsAcceptedWithTheFedAuthAcknowledged() throws Exception {
    LoginStep step = verifier.start(security(Outcome.FULL)).onLogin7(tokenLogin("good"));
    LoginStep.Accepted a = (LoginStep.Accepted) step;
    assertThat(a.facts()).isEqualTo(new AuthFacts("security token", "SQL", "alice@example.net"));
    assertThat(a.featureAcks()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo(0x02);
      assertThat(f.data()).isEmpty();
    });
  }

  @Test
  void aBadTokenGetsLoginFailedWithTheReason() throws Exception {
    LoginStep.Refused r = (LoginStep.Refused) verifier.start(security(Outcome.STRICT)).onLogin7(tokenLogin("bad"));
    assertThat(r.number()).isEqualTo(18456);
    assertThat(r.message()).contains("<token-identified principal>").contains("expired");
  }

  @Test
  void theEchoMustMatchTheServersFedAuthRequired() throws Exception {
    Login7 echoing = Login7.builder().fedAuth(FedAuthFeature.securityToken("good", true, null)).build();
    LoginStep step = verifier.start(security(Outcome.FULL)).onLogin7(echoing);
    assertThat(((LoginStep.Refused) step).message()).contains("fFedAuthEcho");
  }

  @Test
  void theInformationRequestGetsFedAuthInfoThenTheToken() throws Exception {
    LoginVerifier.Session s = verifier.start(security(Outcome.FULL));
    Login7 login = Login7.builder().fedAuth(FedAuthFeature.infoRequest(FedAuthWorkflow.DEFAULT, false)).build();
    LoginStep challenge = s.onLogin7(login);
    assertThat(((LoginStep.Challenge) challenge).tokens())
        .containsExactly(new FedAuthInfo("https://sts.example.net/t", "https://database.windows.net/"));
    LoginStep done = s.onContinuation(new TdsMessage(PacketType.FEDAUTH_TOKEN,
        new FedAuthTokenMessage("good", null).encode()));
    assertThat(((LoginStep.Accepted) done).facts().method()).isEqualTo("federated (information request)");
  }

  @Test
  void withoutKerberosConfiguredIntegratedLoginsGet18452() throws Exception {
    LoginStep step = verifier.start(security(Outcome.FULL))
        .onLogin7(Login7.builder().optionFlags2(Login7.OPTION2_INT_SECURITY).sspi(new byte[] {1}).build());
    assertThat(((LoginStep.Refused) step).number()).isEqualTo(18452);
  }

  @Test
  void passwordsStillWork() throws Exception {
    LoginVerifier.Session s = verifier.start(security(Outcome.LOGIN_ONLY));
    assertThat(s.onLogin7(Login7.builder().userName("sa").password("pw").build()))
        .isEqualTo(new LoginStep.Accepted(AuthFacts.sql("sa"), java.util.List.of(), java.util.List.of()));
    assertThat(((LoginStep.Refused) verifier.start(security(Outcome.FULL))
        .onLogin7(Login7.builder().userName("sa").password("no").build())).message())
        .isEqualTo("Login failed for user 'sa'.");
  }
}
