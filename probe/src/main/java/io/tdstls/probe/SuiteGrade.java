package io.tdstls.probe;

/**
 * Grades one accepted suite, in the spirit of nmap's ssl-enum-ciphers (A best, F broken):
 *
 * <ul>
 *   <li>F: no encryption (NULL), no authentication (anon), export grade, single DES, or a key
 *       exchange under 1024 bits;
 *   <li>C: RC4, a 64-bit block cipher (3DES, IDEA, RC2: SWEET32), or a DH group under 2048 bits (Logjam);
 *   <li>B: no forward secrecy (static RSA or DH key exchange), or CBC at SSL 3.0 / TLS 1.0 (BEAST);
 *   <li>A: forward secret with a modern cipher.
 * </ul>
 */
final class SuiteGrade {

  private SuiteGrade() {}

  static String grade(CipherSuite s, WireVersion v, int keyBits) {
    boolean finiteField = s.finiteFieldDh() || s.kex().equals("RSA");
    if (s.nullCipher() || s.anonymous() || s.export() || s.singleDes() || finiteField && keyBits > 0 && keyBits < 1024) {
      return "F";
    }
    if (s.rc4() || s.block64() || s.finiteFieldDh() && keyBits > 0 && keyBits < 2048) {
      return "C";
    }
    if (!s.forwardSecret() || s.cbc() && v.compareTo(WireVersion.TLS_1_0) <= 0) {
      return "B";
    }
    return "A";
  }
}
