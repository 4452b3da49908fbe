package io.tdstls.client;

import io.tdstls.client.tls.OpenSslClientEngineFactory;
import io.tdstls.error.TdsConfigException;
import io.tdstls.tls.ClientEngineFactory;
import io.tdstls.tls.ClientEngines;
import io.tdstls.tls.TlsConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which TLS implementation makes the client's engines. The default is {@link #JDK}: always
 * available, no native code. {@link #OPENSSL} is chosen by name (connection string {@code TLS
 * Provider=openssl}, JDBC {@code tlsProvider=openssl}, {@code tds-tls connect --tls-provider
 * openssl}), as the server's provider is: it needs Netty's {@code netty-handler} and {@code
 * netty-tcnative-boringssl-static} on the class path and a platform its native library loads on.
 */
public enum ClientTlsProvider {
  /** The JDK's {@code SSLEngine} (JSSE). */
  JDK,
  /** BoringSSL through Netty's {@code netty-tcnative-boringssl-static}. */
  OPENSSL;

  /**
   * Tells whether the provider can be used in this JVM.
   *
   * @return whether engines can be created
   */
  public boolean isAvailable() {
    return unavailabilityReason().isEmpty();
  }

  /**
   * Says why the provider cannot be used.
   *
   * @return the reason, or empty when it is available
   */
  public Optional<String> unavailabilityReason() {
    if (this == JDK) {
      return Optional.empty();
    }
    try {
      return OpenSslClientEngineFactory.unavailabilityReason();
    } catch (NoClassDefFoundError e) {
      return Optional.of("the OpenSSL provider needs io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static"
          + " on the class path (" + e.getMessage() + " is missing)");
    }
  }

  /**
   * Builds the engine factory of a configuration.
   *
   * @param tls the TLS settings
   * @return the factory
   * @throws TdsConfigException if the provider is not available, or rejects the settings
   */
  public ClientEngines engines(TlsConfig tls) {
    if (this == JDK) {
      return new ClientEngineFactory(tls);
    }
    unavailabilityReason().ifPresent(reason -> {
      throw new TdsConfigException(reason + "; use the JDK provider (TLS Provider=jdk, --tls-provider jdk)");
    });
    return OpenSslClientEngineFactory.create(tls);
  }

  /**
   * Returns the lower-case name used in configuration.
   *
   * @return {@code "jdk"} or {@code "openssl"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration value.
   *
   * @param what the key or option the value came from, for the error
   * @param value {@code jdk} or {@code openssl}, any case
   * @return the provider
   * @throws TdsConfigException for any other value
   */
  public static ClientTlsProvider parse(String what, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ClientTlsProvider p : values()) {
      if (p.label().equals(v)) {
        return p;
      }
    }
    throw TdsConfigException.invalidValue(what, value, List.of("jdk", "openssl"));
  }
}
