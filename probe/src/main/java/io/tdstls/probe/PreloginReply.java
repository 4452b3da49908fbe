package io.tdstls.probe;

import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one {@link PreloginProbe}.
 *
 * @param probe the probe that was sent
 * @param kind what came back
 * @param reply the decoded PRELOGIN reply, or {@code null} unless {@link ReplyKind#ANSWERED}
 * @param detail a short explanation (the error for closed or garbage replies); may be empty
 */
public record PreloginReply(PreloginProbe probe, ReplyKind kind, PreLogin reply, String detail) {

  /**
   * Checks the components.
   *
   * @param probe see the record component
   * @param kind see the record component
   * @param reply see the record component
   * @param detail see the record component
   */
  public PreloginReply {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(kind, "kind");
    if ((kind == ReplyKind.ANSWERED) != (reply != null)) {
      throw new IllegalArgumentException("a reply is present exactly when the kind is ANSWERED");
    }
    detail = detail == null ? "" : detail;
  }

  /**
   * Returns the server's ENCRYPTION byte, when it answered with one.
   *
   * @return the value, or empty
   */
  public Optional<EncryptionValue> encryption() {
    return reply == null ? Optional.empty() : reply.encryption();
  }

  /**
   * Tells whether the server answered with exactly this ENCRYPTION value.
   *
   * @param value the value to compare with
   * @return whether the reply carries it
   */
  public boolean answered(EncryptionValue value) {
    return encryption().map(value::equals).orElse(false);
  }

  /**
   * Returns the reply as shown in reports: the raw byte in hex with its name, or the kind.
   *
   * @return for example {@code "0x03 ENCRYPT_REQ"}, {@code "closed"} or {@code "timeout"}
   */
  public String describe() {
    if (kind != ReplyKind.ANSWERED) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
    return encryption().map(v -> String.format("0x%02X %s", v.raw(), v)).orElse("no ENCRYPTION option");
  }
}
