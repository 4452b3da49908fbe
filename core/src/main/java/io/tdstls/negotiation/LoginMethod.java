package io.tdstls.negotiation;

/**
 * How a client authenticates in LOGIN7, which decides the login state it enters ([MS-TDS] 3.2.5.2)
 * and whether the login may travel with login-only encryption.
 *
 * <p>Only {@link #SQL_PASSWORD} is allowed with login-only encryption: the other methods send
 * messages after LOGIN7 (SSPI round trips, FEDAUTH_TOKEN) or carry a bearer token, and with
 * login-only encryption everything after the first LOGIN7 packet crosses the network in clear.
 */
public enum LoginMethod {
  /** SQL Server authentication (user name and password): "Complete Authentication Token". */
  SQL_PASSWORD("SQL", ClientState.SENT_LOGIN7),
  /**
   * A FEDAUTH FeatureExt with a token the client already holds (bFedAuthLibrary SECURITYTOKEN):
   * "Complete Authentication Token".
   */
  SECURITY_TOKEN("security token", ClientState.SENT_LOGIN7),
  /**
   * A FEDAUTH FeatureExt asking for FEDAUTHINFO (ADAL/MSAL): "Federated Authentication
   * Information Request"; the token follows in a FEDAUTH_TOKEN message.
   */
  FEDAUTH_INFO_REQUEST("federated (information request)", ClientState.SENT_LOGIN7_FEDAUTH_INFO_REQUEST),
  /** Integrated authentication (SPNEGO/Kerberos) with SSPI round trips: "SPNEGO packet". */
  SSPI("SSPI (Kerberos)", ClientState.SENT_LOGIN7_SPNEGO);

  private final String label;
  private final ClientState loginState;

  LoginMethod(String label, ClientState loginState) {
    this.label = label;
    this.loginState = loginState;
  }

  /**
   * Returns a short name for logs and reports.
   *
   * @return for example {@code "security token"}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the client state entered once LOGIN7 is sent.
   *
   * @return one of the three "Sent LOGIN7 record" states
   */
  public ClientState loginState() {
    return loginState;
  }

  /**
   * Tells whether the whole login must travel inside TLS (full or strict encryption).
   *
   * @return {@code true} for every method but {@link #SQL_PASSWORD}
   */
  public boolean requiresFullEncryption() {
    return this != SQL_PASSWORD;
  }
}
