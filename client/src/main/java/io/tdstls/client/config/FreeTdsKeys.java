package io.tdstls.client.config;

import io.tdstls.error.TdsConfigException;
import java.util.List;

/** The freetds.conf keys tds-tls reads, and those it accepts and ignores. */
final class FreeTdsKeys {

  /** The keys that have a meaning here. */
  static final List<String> USED = List.of(
      "host", "port", "instance", "tds version", "encryption", "ca file", "crl file",
      "check certificate hostname", "certificate hostname", "enable tls v1", "enable tls v1.1",
      "database", "timeout", "query timeout", "connect timeout");

  /** FreeTDS keys accepted and ignored: they concern FreeTDS's own behaviour, not TLS or login. */
  static final List<String> IGNORED = List.of(
      "text size", "client charset", "charset", "language", "dump file", "dump file append",
      "debug flags", "debug level", "emulate little endian", "swap broken dates", "swap broken money",
      "initial block size", "use utf-16", "asa database", "use ntlmv2", "use lanman", "realm", "spn",
      "enable gssapi delegation", "mutual authentication", "database filename", "read-only intent",
      "openssl ciphers", "gnutls ciphers", "date format", "date-only format", "time-only format");

  private FreeTdsKeys() {}

  /**
   * Checks that a (lower-case, space-collapsed) key is known.
   *
   * @throws TdsConfigException if not, listing every accepted key (used ones first)
   */
  static void check(String key) {
    if (!USED.contains(key) && !IGNORED.contains(key)) {
      List<String> valid = new java.util.ArrayList<>(USED);
      valid.addAll(IGNORED);
      throw TdsConfigException.unknownKey("freetds.conf", key, valid);
    }
  }
}
