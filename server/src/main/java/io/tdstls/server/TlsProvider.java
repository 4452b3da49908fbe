package io.tdstls.server;

import io.netty.handler.ssl.OpenSsl;
import java.util.Optional;

/** Which TLS implementation terminates TLS on the server. */
public enum TlsProvider {
  /** The JDK's {@code SSLEngine} (JSSE): always available. */
  JDK,
  /**
   * BoringSSL through Netty's {@code netty-tcnative-boringssl-static}: available where its native
   * library loads (Linux, macOS and Windows on x86_64 and aarch64).
   */
  OPENSSL;

  /**
   * Tells whether the provider can be used in this JVM.
   *
   * @return whether engines can be created
   */
  public boolean isAvailable() {
    return this == JDK || OpenSsl.isAvailable();
  }

  /**
   * Says why the provider cannot be used.
   *
   * @return the reason, or empty when it is available
   */
  public Optional<String> unavailabilityReason() {
    if (isAvailable()) {
      return Optional.empty();
    }
    Throwable cause = OpenSsl.unavailabilityCause();
    return Optional.of("the OpenSSL provider's native library does not load on this platform"
        + (cause == null ? "" : ": " + cause.getMessage()));
  }

  /**
   * Returns the lower-case name used in configuration.
   *
   * @return {@code "jdk"} or {@code "openssl"}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
