package io.tdstls.cli.demo;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One connection of the demo: a client mode against a server policy, and what came of it.
 *
 * @param mode the client's encryption mode
 * @param policy the server's policy
 * @param outcome {@code none}, {@code login-only}, {@code full}, {@code strict} or {@code refused}
 * @param errorKind why the connection was refused, or {@code null}
 * @param reason the refusal's one-line message, or {@code null}
 * @param tlsVersion the TLS version, or {@code null} without TLS
 * @param cipherSuite the cipher suite, or {@code null} without TLS
 * @param loginMillis the time from connect to logged in (or refused), in milliseconds
 */
public record DemoRow(
    EncryptMode mode,
    DemoPolicy policy,
    String outcome,
    TdsException.Kind errorKind,
    String reason,
    String tlsVersion,
    String cipherSuite,
    long loginMillis) {

  /** The outcome shown for a refused connection. */
  public static final String REFUSED = "refused";

  /**
   * Returns the refusal's kind.
   *
   * @return the kind, if the connection was refused
   */
  public Optional<TdsException.Kind> refusal() {
    return Optional.ofNullable(errorKind);
  }

  /**
   * Returns the row as JSON-ready maps.
   *
   * @return the row
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode.label());
    m.put("policy", policy.label());
    m.put("outcome", outcome);
    m.put("error_kind", errorKind == null ? null : errorKind.name());
    m.put("reason", reason);
    m.put("tls_version", tlsVersion);
    m.put("cipher_suite", cipherSuite);
    m.put("login_ms", loginMillis);
    return m;
  }
}
