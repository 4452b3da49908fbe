package io.tdstls.probe;

/** Names of TLS alert descriptions (RFC 8446 6, RFC 7507), for reports. */
final class TlsAlerts {

  private TlsAlerts() {}

  static String name(int description) {
    return switch (description) {
      case 0 -> "close_notify";
      case 10 -> "unexpected_message";
      case 20 -> "bad_record_mac";
      case 22 -> "record_overflow";
      case 40 -> "handshake_failure";
      case 42 -> "bad_certificate";
      case 47 -> "illegal_parameter";
      case 50 -> "decode_error";
      case 51 -> "decrypt_error";
      case 70 -> "protocol_version";
      case 71 -> "insufficient_security";
      case 80 -> "internal_error";
      case 86 -> "inappropriate_fallback";
      case 109 -> "missing_extension";
      case 110 -> "unsupported_extension";
      case 112 -> "unrecognized_name";
      case 120 -> "no_application_protocol";
      default -> "#" + description;
    };
  }
}
