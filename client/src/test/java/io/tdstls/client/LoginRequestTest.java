package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.FedAuthLibrary;
import io.tdstls.protocol.login.FedAuthWorkflow;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The LOGIN7 each authentication method sends, and the FEDAUTHREQUIRED echo and NONCE. */
class LoginRequestTest {

  private static final ConnectionConfig.Builder BASE = ConnectionConfig.builder().host("db").user("u")
      .password("secret".toCharArray());

  @Test
  void aTokenLoginEchoesFedAuthRequiredAndTheServersNonce() throws Exception {
    byte[] nonce = new byte[32];
    Arrays.fill(nonce, (byte) 7);
    PreLogin server = PreLogin.of(new Version(16, 0, 0, 0)).withFedAuthRequired(true).withNonce(nonce);
    ConnectionConfig c = BASE.authentication(ClientAuthentication.accessToken("tok")).build();
    Login7 l = Login7.decode(LoginRequest.build(c, "db", Outcome.FULL, server, "tok", null).encode());
    FedAuthFeature f = l.fedAuth().orElseThrow();
    assertThat(f.library()).isEqualTo(FedAuthLibrary.SECURITY_TOKEN);
    assertThat(f.echo()).isTrue();
    assertThat(f.nonce()).hasValueSatisfying(n -> assertThat(n).isEqualTo(nonce));
    assertThat(l.userName()).isEmpty();
    assertThat(l.password()).as("no SQL password next to a token").isEmpty();
  }

  @Test
  void withoutFedAuthRequiredInTheReplyTheEchoIsOff() throws Exception {
    ConnectionConfig c = BASE.authentication(ClientAuthentication.federated(FedAuthWorkflow.INTEGRATED, r -> "t")).build();
    Login7 l = Login7.decode(LoginRequest.build(c, "db", Outcome.STRICT, PreLogin.of(new Version(16, 0, 0, 0)), null,
        null).encode());
    assertThat(l.fedAuth().orElseThrow()).isEqualTo(FedAuthFeature.infoRequest(FedAuthWorkflow.INTEGRATED, false));
  }

  @Test
  void aKerberosLoginSetsIntegratedSecurityAndCarriesTheBlob() throws Exception {
    ConnectionConfig c = BASE.authentication(ClientAuthentication.kerberos(null)).build();
    Login7 l = Login7.decode(LoginRequest.build(c, "db", Outcome.FULL, null, null, new byte[] {0x60, 0x01}).encode());
    assertThat(l.integratedSecurity()).isTrue();
    assertThat(l.sspi()).containsExactly(0x60, 0x01);
    assertThat(l.password()).isEmpty();
    assertThat(l.fedAuth()).isEmpty();
  }
}
