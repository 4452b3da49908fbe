package io.tdstls.probe;

import java.util.Objects;

/**
 * One suite a server accepted at one version, with the key exchange it used and a grade.
 *
 * @param suite the suite
 * @param version the version
 * @param group the curve or FFDHE group of the key exchange (null for RSA, or when the server names none)
 * @param keyBits the strength of the key exchange: the DH prime's bits, the curve's size, or the
 *     RSA certificate key's bits for static RSA; 0 when unknown
 * @param grade A, B, C or F ({@link SuiteGrade})
 */
public record SuiteResult(CipherSuite suite, WireVersion version, NamedGroup group, int keyBits, String grade) {

  /**
   * Checks the components.
   *
   * @param suite see the record component
   * @param version see the record component
   * @param group see the record component
   * @param keyBits see the record component
   * @param grade see the record component
   */
  public SuiteResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(grade, "grade");
  }

  /**
   * Describes the key exchange as nmap does.
   *
   * @return for example {@code "ecdh_x25519"}, {@code "dh 1024"}, {@code "rsa 2048"}
   */
  public String keyExchange() {
    if (group != null) {
      return group.finiteField() ? "dh " + group.bits() : "ecdh " + group.label();
    }
    if (suite.finiteFieldDh()) {
      return "dh " + keyBits;
    }
    if (suite.kex().equals("RSA")) {
      return "rsa " + keyBits;
    }
    return suite.kex().toLowerCase(java.util.Locale.ROOT);
  }
}
