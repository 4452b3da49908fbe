package io.tdstls.client;

import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.token.LoginAck;
import java.util.Optional;

/**
 * What a session negotiated, for people and tools: the outcome, the TDS and TLS versions, the
 * cipher suite, ALPN, SNI, the server's certificate chain and PRELOGIN fields, and any redirect.
 *
 * @param host the host finally connected to
 * @param port the port finally connected to
 * @param mode the client's encryption mode
 * @param security the negotiation's result: outcome, both PRELOGIN messages, TLS facts
 * @param loginAck the server's LOGINACK (TDS version, program name and version)
 * @param packetSize the packet size in use
 * @param database the current database after login
 * @param routedFrom the {@code host:port} first connected to, when the server redirected the
 *     client (Azure SQL routing); {@code null} otherwise
 * @param certificateValidated whether the server certificate was validated: false without TLS,
 *     with {@code trustServerCertificate}, and for a login-only session in optional mode without
 *     configured trust ("certificate not validated (optional mode)")
 * @param authentication how the client authenticated: {@code SqlPassword}, {@code AccessToken},
 *     {@code AccessTokenCallback}, {@code Federated(...)} or {@code Kerberos}
 * @param tlsProvider the TLS implementation of the client's engine: {@code jdk} or {@code openssl}
 *     ({@code jdk} when nothing was encrypted)
 * @param sessionResumed whether the TLS handshake resumed an earlier session of the same client
 *     configuration (no certificate was then sent; it was validated when the session was made)
 */
public record SessionReport(
    String host,
    int port,
    EncryptMode mode,
    NegotiatedSecurity security,
    LoginAck loginAck,
    int packetSize,
    String database,
    String routedFrom,
    boolean certificateValidated,
    String authentication,
    String tlsProvider,
    boolean sessionResumed) {

  /**
   * A report without the TLS provider (the JDK's) and a full handshake.
   *
   * @param host the host connected to
   * @param port the port
   * @param mode the encryption mode asked for
   * @param security what was negotiated
   * @param loginAck the server's LOGINACK
   * @param packetSize the packet size in use
   * @param database the current database
   * @param routedFrom the server that redirected here, or {@code null}
   * @param certificateValidated whether the server certificate was validated
   * @param authentication how the client authenticated
   */
  public SessionReport(String host, int port, EncryptMode mode, NegotiatedSecurity security, LoginAck loginAck,
      int packetSize, String database, String routedFrom, boolean certificateValidated, String authentication) {
    this(host, port, mode, security, loginAck, packetSize, database, routedFrom, certificateValidated, authentication,
        "jdk", false);
  }

  /**
   * A report of a SQL-password login with the certificate validated whenever TLS was used (the form
   * used before authentication methods existed).
   *
   * @param host the host connected to
   * @param port the port
   * @param mode the encryption mode asked for
   * @param security what was negotiated
   * @param loginAck the server's LOGINACK
   * @param packetSize the packet size in use
   * @param database the current database
   * @param routedFrom the server that redirected here, or {@code null}
   */
  public SessionReport(String host, int port, EncryptMode mode, NegotiatedSecurity security, LoginAck loginAck,
      int packetSize, String database, String routedFrom) {
    this(host, port, mode, security, loginAck, packetSize, database, routedFrom, security.tlsInfo().isPresent(), "SqlPassword",
        "jdk", false);
  }

  /**
   * Returns what the connection encrypts.
   *
   * @return none, login-only, full or strict
   */
  public Outcome outcome() {
    return security.outcome();
  }

  /**
   * Returns the TLS facts.
   *
   * @return protocol, cipher suite, ALPN, SNI and peer chain; empty when nothing was encrypted
   */
  public Optional<TlsInfo> tls() {
    return security.tlsInfo();
  }

  /**
   * Tells whether a strict session's server selected no ALPN protocol. [MS-TDS] servers select
   * {@code tds/8.0} when offered; one that selects nothing still works, but is worth reporting (a
   * server that selects another protocol is refused during the handshake).
   *
   * @return whether the outcome is strict and no ALPN protocol was selected
   */
  public boolean alpnMissing() {
    return outcome() == Outcome.STRICT && tls().map(t -> t.alpn().isEmpty()).orElse(true);
  }

  /**
   * Returns where the client was first sent before a redirect.
   *
   * @return {@code host:port}, if the server routed the client elsewhere
   */
  public Optional<String> redirectedFrom() {
    return Optional.ofNullable(routedFrom);
  }

  /**
   * Describes the session in a few lines.
   *
   * @return a human-readable summary
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("server      ").append(host).append(':').append(port);
    redirectedFrom().ifPresent(f -> b.append(" (redirected from ").append(f).append(')'));
    b.append('\n');
    b.append("mode        ").append(mode.label()).append('\n');
    b.append("encryption  ").append(outcome().label()).append('\n');
    b.append("auth        ").append(authentication).append('\n');
    b.append("tds version ").append(loginAck.tdsVersion().map(Object::toString)
        .orElse(String.format("0x%08X", loginAck.tdsVersionCode()))).append('\n');
    b.append("server      ").append(loginAck.progName()).append(' ').append(loginAck.majorVersion()).append('.')
        .append(loginAck.minorVersion()).append('.').append(loginAck.buildNumber());
    if (security.serverPreLogin() != null) {
      b.append(" (PRELOGIN version ").append(security.serverPreLogin().version()).append(", ")
          .append(security.serverPreLogin().version().productName()).append(')');
    }
    b.append('\n');
    tls().ifPresent(t -> {
      b.append("tls         ").append(t.protocol()).append(' ').append(t.cipherSuite()).append(" (").append(tlsProvider)
          .append(sessionResumed ? ", session resumed" : ", full handshake").append(")\n");
      b.append("alpn        ").append(!t.alpn().isEmpty() ? t.alpn()
          : alpnMissing() ? "(none: the strict server selected no ALPN protocol, tds/8.0 expected)" : "(none)").append('\n');
      b.append("sni         ").append(t.sniHostName().isEmpty() ? "(none)" : t.sniHostName()).append('\n');
      if (!t.peerCertificates().isEmpty()) {
        b.append("certificate ").append(t.peerCertificates().get(0).getSubjectX500Principal().getName()).append('\n');
      }
      if (!certificateValidated) {
        b.append("WARNING     certificate not validated").append(mode == EncryptMode.OPTIONAL
            && outcome() == Outcome.LOGIN_ONLY ? " (optional mode)" : " (trustServerCertificate)").append('\n');
      }
    });
    b.append("packet size ").append(packetSize).append('\n');
    b.append("database    ").append(database).append('\n');
    return b.toString();
  }
}
