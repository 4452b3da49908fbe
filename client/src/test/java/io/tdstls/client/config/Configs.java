package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import java.util.function.UnaryOperator;

/** Short ways to write the expected configurations of the parser tests. */
final class Configs {

  private Configs() {}

  /** A connection to host {@code db} with everything else default. */
  static ConnectionConfig.Builder db() {
    return ConnectionConfig.builder().host("db");
  }

  /** A connection to host {@code db} whose TLS settings are the defaults changed by {@code tls}. */
  static ConnectionConfig db(UnaryOperator<TlsConfig.Builder> tls) {
    return db().tls(tls.apply(TlsConfig.builder()).build()).build();
  }

  /** Default TLS settings in the given mode. */
  static TlsConfig mode(EncryptMode mode) {
    return TlsConfig.builder().mode(mode).build();
  }
}
