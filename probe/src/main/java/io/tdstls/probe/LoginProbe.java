package io.tdstls.probe;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.TdsClient;
import io.tdstls.client.TdsSession;
import io.tdstls.error.ServerErrorException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import io.tdstls.tls.TlsVersion;
import java.time.Duration;

/**
 * Tells "strict required" from "encryption forced" on an endpoint that answers TDS 7.x PRELOGIN:
 * a LOGIN7 with an <b>empty user name and empty password</b>, sent by the project's client over
 * TDS 7.x with full encryption (TLS 1.2 inside PRELOGIN, then the LOGIN7 inside TLS), the server
 * certificate pinned to the one the probe already saw. Nothing secret crosses: there is no
 * password to protect. SQL Server in "Force Strict Encryption" answers error 17819; any other
 * endpoint answers a login failure (18456 on SQL Server), which its error log records.
 */
final class LoginProbe {

  /** The error SQL Server sends to TDS 7.x logins when only strict (TDS 8.0) is accepted. */
  static final int STRICT_ONLY_ERROR = 17819;

  private LoginProbe() {}

  /** What the empty login got: the server error, or why it could not be sent. */
  record Outcome(int errorNumber, String text) {
    boolean strictOnly() {
      return errorNumber == STRICT_ONLY_ERROR;
    }
  }

  static Outcome attempt(Target target, Duration timeout, String certificateSha256) {
    TlsConfig tls = TlsConfig.builder().mode(EncryptMode.MANDATORY).maxProtocolVersion(TlsVersion.TLS_1_2)
        .serverCertificateSha256(certificateSha256.replace(":", "")).build();
    ConnectionConfig config = ConnectionConfig.builder().host(target.host()).port(target.port()).user("")
        .password(new char[0]).applicationName("tds-tls probe (empty login)").connectTimeout(timeout)
        .loginTimeout(timeout).readTimeout(timeout).followRoutingRedirects(false).tls(tls).build();
    try {
      TdsSession session = TdsClient.connect(config);
      session.close();
      return new Outcome(0, "logged in with an empty user name and password");
    } catch (ServerErrorException e) {
      return new Outcome(e.number(), "error " + e.number() + ": " + e.getMessage());
    } catch (TdsException | RuntimeException e) {
      return new Outcome(-1, "not answered: " + e.getMessage());
    }
  }
}
