package io.tdstls.probe;

import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.util.Objects;

/**
 * The fields of a server's PRELOGIN reply that say what the server is.
 *
 * @param version the product version (for example 16.0.1000.0)
 * @param productName the release that version belongs to (for example {@code "SQL Server 2022"})
 * @param encryption the ENCRYPTION byte in hex with its name, or {@code "absent"}
 * @param mars the MARS option: {@code "on"}, {@code "off"} or {@code "absent"}
 * @param fedAuthRequired the FEDAUTHREQUIRED option: {@code "yes"}, {@code "no"} or {@code "absent"}
 * @param instance the INSTOPT option, {@code "(empty)"} or {@code "absent"}
 * @param threadIdPresent whether the THREADID option carries a value
 * @param noncePresent whether a NONCEOPT option is present
 */
public record ServerFields(Version version, String productName, String encryption, String mars,
    String fedAuthRequired, String instance, boolean threadIdPresent, boolean noncePresent) {

  /**
   * Checks the components.
   *
   * @param version see the record component
   * @param productName see the record component
   * @param encryption see the record component
   * @param mars see the record component
   * @param fedAuthRequired see the record component
   * @param instance see the record component
   * @param threadIdPresent see the record component
   * @param noncePresent see the record component
   */
  public ServerFields {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(mars, "mars");
    Objects.requireNonNull(fedAuthRequired, "fedAuthRequired");
    Objects.requireNonNull(instance, "instance");
  }

  /**
   * Extracts the fields from a server's PRELOGIN reply.
   *
   * @param reply the decoded reply
   * @return the fields
   */
  public static ServerFields of(PreLogin reply) {
    Version v = reply.version();
    return new ServerFields(v, v.productName(),
        reply.encryption().map(e -> String.format("0x%02X %s", e.raw(), e)).orElse("absent"),
        reply.mars().map(m -> m ? "on" : "off").orElse("absent"),
        reply.fedAuthRequired().map(f -> f ? "yes" : "no").orElse("absent"),
        reply.instance().map(i -> i.isEmpty() ? "(empty)" : i).orElse("absent"),
        reply.threadId().map(t -> t.value().isPresent()).orElse(false),
        reply.nonce().isPresent());
  }
}
