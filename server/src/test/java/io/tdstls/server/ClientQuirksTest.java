package io.tdstls.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import org.junit.jupiter.api.Test;

/** Only jTDS's login-only answer is held back. */
class ClientQuirksTest {

  private static TdsMessage login(String clientInterface) {
    return new TdsMessage(PacketType.LOGIN7, Login7.builder().tdsVersion(TdsVersion.V7_1).userName("u").password("p")
        .clientInterfaceName(clientInterface).build().encode());
  }

  @Test
  void jtdsLoginOnlyIsDelayedAndNothingElse() {
    assertThat(ClientQuirks.loginReplyDelayMillis(login("jTDS"), Outcome.LOGIN_ONLY)).isEqualTo(ClientQuirks.JTDS_LOGIN_ONLY_DELAY_MS);
    assertThat(ClientQuirks.loginReplyDelayMillis(login("jTDS"), Outcome.FULL)).isZero();
    assertThat(ClientQuirks.loginReplyDelayMillis(login("Microsoft JDBC Driver 13.6"), Outcome.LOGIN_ONLY)).isZero();
    assertThat(ClientQuirks.loginReplyDelayMillis(new TdsMessage(PacketType.LOGIN7, new byte[3]), Outcome.LOGIN_ONLY)).isZero();
  }
}
