package io.tdstls.probe;

/**
 * What a TDS 7.x client meets at this endpoint, as told by the differential PRELOGIN probes.
 */
public enum EncryptionPosture {
  /** No TCP connection could be opened. */
  UNREACHABLE("unreachable"),
  /** The endpoint never answered a PRELOGIN within the timeout. */
  SILENT("no answer (timeout)"),
  /** The endpoint answered with bytes that are not TDS. */
  NOT_TDS("not a TDS endpoint"),
  /** ENCRYPT_OFF is answered NOT_SUP: the server has no TLS at all. */
  NO_TLS("no TLS at all"),
  /** ENCRYPT_OFF is answered OFF: a client that does not insist gets login-only encryption. */
  LOGIN_ONLY_OFFERED("encryption available, not forced (login-only offered)"),
  /** ENCRYPT_OFF is answered REQ: every TDS 7.x session is fully encrypted. */
  ENCRYPTION_FORCED("encryption forced"),
  /** TDS 7.x PRELOGIN is refused (closed) while strict TLS works: strict (TDS 8.0) required. */
  STRICT_REQUIRED("TDS 7.x refused, strict (TDS 8.0) required"),
  /** TDS 7.x PRELOGIN is answered but a TDS 7.x login is refused with error 17819: strict (TDS 8.0) required. */
  STRICT_REQUIRED_AT_LOGIN("strict (TDS 8.0) required: TDS 7.x logins refused with error 17819"),
  /** TDS 7.x PRELOGIN is refused (closed) and strict does not work either. */
  REFUSED("PRELOGIN refused (closed)"),
  /** The reply to ENCRYPT_OFF carries a byte outside the specification. */
  INVALID_REPLY("invalid ENCRYPTION reply"),
  /** TLS first works but nothing answers TDS inside it, and TDS 7.x PRELOGIN is not answered either. */
  TLS_SERVICE("a TLS service, not TDS");

  private final String label;

  EncryptionPosture(String label) {
    this.label = label;
  }

  /**
   * Returns the description used in reports.
   *
   * @return for example {@code "encryption forced"}
   */
  public String label() {
    return label;
  }
}
