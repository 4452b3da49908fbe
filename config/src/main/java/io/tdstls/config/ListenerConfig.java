package io.tdstls.config;

import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.ClientCertificateMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a server listens ({@code listener:}): address, TLS material, encryption policy and
 * limits. The same settings as {@code tds-tls serve}'s options, with the same defaults.
 *
 * @param host the address to listen on
 * @param port the TCP port, 0 for a free one
 * @param tls the certificate and client CAs (a certificate is generated if none is set)
 * @param certDir where a generated certificate's PEM is written, or {@code null} for a temporary
 *     directory
 * @param encryption the TDS 7.x encryption policy, or {@code null} for the command's default
 *     ({@code serve}: available; {@code gateway}: forced)
 * @param strict the TDS 8.0 strict policy, or {@code null} for the default (allowed, disabled
 *     without TLS)
 * @param clientCertPolicy how a CLIENT_CERT ENCRYPTION byte is answered
 * @param tlsProvider {@code jdk} or {@code openssl}
 * @param loginTimeout the time from connect to login
 * @param maxConnections connections served at once
 * @param serverName the name reported in {@code @@SERVERNAME}
 * @param alpn whether strict clients must offer ALPN {@code tds/8.0}, or {@code null} for the
 *     default (optional)
 * @param preLoginLimitKib the most KiB one connection may make the server buffer before its login,
 *     or {@code null} for the default (64)
 * @param preLoginBudgetMib the most MiB all connections not logged in may make the server buffer
 *     together, or {@code null} for the default (32)
 */
public record ListenerConfig(String host, int port, TlsMaterial tls, Path certDir, ServerEncryption encryption,
    StrictPolicy strict, ClientCertPolicy clientCertPolicy, String tlsProvider, Duration loginTimeout,
    int maxConnections, String serverName, AlpnPolicy alpn, Integer preLoginLimitKib, Integer preLoginBudgetMib) {

  /**
   * The settings with the default ALPN policy and pre-login limits.
   *
   * @param host see the record component
   * @param port see the record component
   * @param tls see the record component
   * @param certDir see the record component
   * @param encryption see the record component
   * @param strict see the record component
   * @param clientCertPolicy see the record component
   * @param tlsProvider see the record component
   * @param loginTimeout see the record component
   * @param maxConnections see the record component
   * @param serverName see the record component
   */
  public ListenerConfig(String host, int port, TlsMaterial tls, Path certDir, ServerEncryption encryption,
      StrictPolicy strict, ClientCertPolicy clientCertPolicy, String tlsProvider, Duration loginTimeout,
      int maxConnections, String serverName) {
    this(host, port, tls, certDir, encryption, strict, clientCertPolicy, tlsProvider, loginTimeout, maxConnections,
        serverName, null, null, null);
  }

  /** The TLS providers a listener can name. */
  public static final List<String> TLS_PROVIDERS = List.of("jdk", "openssl");

  /**
   * Checks the components.
   *
   * @param host see the record component
   * @param port see the record component
   * @param tls see the record component
   * @param certDir see the record component
   * @param encryption see the record component
   * @param strict see the record component
   * @param clientCertPolicy see the record component
   * @param tlsProvider see the record component
   * @param loginTimeout see the record component
   * @param maxConnections see the record component
   * @param serverName see the record component
   * @param alpn see the record component
   * @param preLoginLimitKib see the record component
   * @param preLoginBudgetMib see the record component
   */
  public ListenerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(clientCertPolicy, "clientCertPolicy");
    Objects.requireNonNull(tlsProvider, "tlsProvider");
    Objects.requireNonNull(loginTimeout, "loginTimeout");
    Objects.requireNonNull(serverName, "serverName");
  }

  /**
   * Returns the defaults: 127.0.0.1:1433, the command's default encryption ({@code serve}:
   * available, {@code gateway}: forced), strict allowed, a generated certificate, JDK TLS, 30 s
   * login timeout, 1000 connections.
   *
   * @return the defaults
   */
  public static ListenerConfig defaults() {
    return new ListenerConfig("127.0.0.1", 1433, new TlsMaterial(null, null, null, null, List.of(),
        ClientCertificateMode.REQUIRED), null, null, null, ClientCertPolicy.MS_TDS, "jdk",
        Duration.ofSeconds(30), 1000, "tds-tls");
  }
}
