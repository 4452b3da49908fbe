package io.tdstls.client;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.FedAuthFeature;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.Login7Builder;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.login.TdsVersion;

/** Builds the LOGIN7 a connection sends, once the negotiation outcome is known. */
final class LoginRequest {

  /** OptionFlags1: fUseDB, fDatabase (a failing initial database is fatal), fSetLang. */
  private static final int OPTION_FLAGS_1 = 0xE0;
  /** OptionFlags2: fLanguage (fatal), fODBC. */
  private static final int OPTION_FLAGS_2 = 0x03;
  /** The largest packet size an encrypting client requests (TLS records of at most 16 KiB). */
  static final int MAX_ENCRYPTED_PACKET_SIZE = 16383;

  private LoginRequest() {}

  static Login7 build(ConnectionConfig config, String serverName, Outcome outcome) {
    return build(config, serverName, outcome, null, null, null);
  }

  /**
   * Builds LOGIN7 for the configured authentication.
   *
   * @param serverPreLogin the server's PRELOGIN reply (FEDAUTHREQUIRED to echo, NONCE), or null
   * @param token the access token of a security-token login, or null
   * @param sspi the first SPNEGO blob of an integrated login, or null
   */
  static Login7 build(ConnectionConfig config, String serverName, Outcome outcome, PreLogin serverPreLogin,
      String token, byte[] sspi) {
    Login7Builder b = base(config, serverName, outcome);
    boolean echo = serverPreLogin != null && serverPreLogin.fedAuthRequired().orElse(false);
    byte[] nonce = serverPreLogin == null ? null : serverPreLogin.nonce().orElse(null);
    switch (config.authentication().method()) {
      case SECURITY_TOKEN:
        b.userName("").password("").fedAuth(FedAuthFeature.securityToken(token, echo, nonce));
        break;
      case FEDAUTH_INFO_REQUEST:
        b.password("").fedAuth(FedAuthFeature.infoRequest(config.authentication().workflow().orElseThrow(), echo));
        break;
      case SSPI:
        b.userName("").password("").optionFlags2(OPTION_FLAGS_2 | Login7.OPTION2_INT_SECURITY).sspi(sspi);
        break;
      default:
        break;
    }
    return b.build();
  }

  private static Login7Builder base(ConnectionConfig config, String serverName, Outcome outcome) {
    boolean strict = outcome == Outcome.STRICT;
    int packetSize = outcome.encryptsSession()
        ? Math.min(config.packetSize(), MAX_ENCRYPTED_PACKET_SIZE) : config.packetSize();
    return Login7.builder()
        .tdsVersion(strict ? TdsVersion.V8_0 : config.tdsVersion())
        .packetSize(packetSize)
        .clientProgVersion(0x00010000)
        .clientPid((int) ProcessHandle.current().pid())
        .optionFlags1(OPTION_FLAGS_1)
        .optionFlags2(OPTION_FLAGS_2)
        .clientLcid(0x0409)
        .hostName(config.workstationName())
        .userName(config.user().orElse(""))
        .password(config.password().map(String::new).orElse(""))
        .appName(config.applicationName())
        .serverName(serverName)
        .clientInterfaceName("tds-tls")
        .language("")
        .database(config.database().orElse(""))
        .clientId(new byte[6]);
  }
}
