package io.tdstls.negotiation;

import io.tdstls.error.TdsException;
import javax.net.ssl.SSLEngine;

/**
 * Creates the {@link SSLEngine} for one connection, configured for the path it will be used on:
 * on {@link TlsNegotiationMode#POST_PRE_LOGIN} (TDS 7.x) an engine capped at TLS 1.2; on {@link
 * TlsNegotiationMode#STRICT} TLS 1.2 and 1.3 with ALPN {@code tds/8.0}.
 */
@FunctionalInterface
public interface TlsEngineSource {

  /**
   * Creates an engine.
   *
   * @param path the path the engine is for
   * @return a new engine, in client or server mode as the caller needs
   * @throws TdsException if the TLS material cannot be loaded
   */
  SSLEngine newEngine(TlsNegotiationMode path) throws TdsException;

  /**
   * Creates an engine, knowing whether TLS will protect only the login (the login-only outcome of
   * optional mode), where a client may skip certificate validation as Microsoft's drivers do.
   * Calls {@link #newEngine(TlsNegotiationMode)} by default.
   *
   * @param path the path the engine is for
   * @param loginOnly whether the session negotiated login-only encryption
   * @return a new engine
   * @throws TdsException if the TLS material cannot be loaded
   */
  default SSLEngine newEngine(TlsNegotiationMode path, boolean loginOnly) throws TdsException {
    return newEngine(path);
  }

  /**
   * Called once an engine's handshake has completed, for example to warn about a legacy TLS
   * version. Does nothing by default.
   *
   * @param engine an engine created by {@link #newEngine(TlsNegotiationMode)}
   */
  default void handshakeCompleted(SSLEngine engine) {}

  /**
   * Called once when an engine is no longer used (its connection closed), so that an engine
   * holding native memory (OpenSSL's) frees it at once instead of at some later garbage
   * collection. Does nothing by default.
   *
   * @param engine an engine created by {@link #newEngine(TlsNegotiationMode)}
   */
  default void release(SSLEngine engine) {}
}
