package io.tdstls.client;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;

/** Run in a JVM without Netty by {@link OpenSslUnavailableTest}: prints what choosing OpenSSL says. */
public final class NoNettyMain {

  private NoNettyMain() {}

  /**
   * Prints the unavailability reason and the error of a client asking for OpenSSL.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println("available=" + ClientTlsProvider.OPENSSL.isAvailable());
    System.out.println("reason=" + ClientTlsProvider.OPENSSL.unavailabilityReason().orElse(""));
    ConnectionConfig config = ConnectionConfig.builder().host("localhost").port(1433).user("u").password("p".toCharArray())
        .tls(TlsConfig.builder().mode(EncryptMode.STRICT).build()).tlsProvider(ClientTlsProvider.OPENSSL).build();
    try {
      new TdsClient(config);
      System.out.println("error=none");
    } catch (TdsConfigException e) {
      System.out.println("error=" + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    ConnectionConfig jdk = config.toBuilder().tlsProvider(ClientTlsProvider.JDK).build();
    new TdsClient(jdk);
    System.out.println("jdk=ok");
  }
}
