package io.tdstls.probe;

import java.util.Locale;
import java.util.Objects;

/**
 * One TLS cipher suite of the registry ({@link CipherSuites}), with its parts as named in its IANA
 * name and the weaknesses that follow from them.
 *
 * @param code the two-byte code on the wire
 * @param name the IANA name, for example {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
 * @param kex the key exchange, for example {@code ECDHE}, {@code RSA}, {@code DH_anon}; {@code TLS13} for TLS 1.3 suites
 * @param auth the server authentication, for example {@code RSA}, {@code ECDSA}, {@code anon}
 * @param cipher the bulk cipher, for example {@code AES_128_GCM}, {@code 3DES_EDE_CBC}, {@code NULL}
 * @param mac the MAC or PRF hash, for example {@code SHA256}; empty for AEAD suites without one
 * @param tls13 whether this is a TLS 1.3 suite (0x13xx)
 */
public record CipherSuite(int code, String name, String kex, String auth, String cipher, String mac, boolean tls13) {

  /**
   * Checks the components.
   *
   * @param code see the record component
   * @param name see the record component
   * @param kex see the record component
   * @param auth see the record component
   * @param cipher see the record component
   * @param mac see the record component
   * @param tls13 see the record component
   */
  public CipherSuite {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kex, "kex");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(mac, "mac");
  }

  /**
   * Parses an IANA name into its parts: {@code TLS_<kex>[_<auth>]_WITH_<cipher>_<mac>}.
   *
   * @param code the wire code
   * @param ianaName the name; a {@code -draft} suffix is kept in the name and ignored in the parts
   * @return the suite
   */
  static CipherSuite parse(int code, String ianaName) {
    String n = ianaName.replace("-draft", "").replaceFirst("^(TLS|SSL)_", "");
    int with = n.indexOf("_WITH_");
    String kexAuth = with < 0 ? n.replaceFirst("_NULL_.*", "") : n.substring(0, with);
    String rest = with < 0 ? "NULL_" + n.replaceFirst(".*_NULL_", "") : n.substring(with + 6);
    int lastUnderscore = rest.lastIndexOf('_');
    String last = lastUnderscore < 0 ? rest : rest.substring(lastUnderscore + 1);
    boolean hasMac = last.matches("SHA|SHA256|SHA384|MD5|RMD|SM3|IMIT|GOSTR3411|OMAC|NULL") && lastUnderscore > 0;
    String cipher = hasMac ? rest.substring(0, lastUnderscore) : rest;
    String mac = hasMac ? last : "";
    String kex;
    String auth;
    if (kexAuth.equals("RSA") || kexAuth.startsWith("RSA_EXPORT") || kexAuth.equals("RSA_FIPS")) {
      kex = "RSA";
      auth = "RSA";
    } else if (kexAuth.contains("anon")) {
      kex = kexAuth.replaceFirst("_anon.*", "");
      auth = "anon";
    } else if (kexAuth.contains("_")) {
      kex = kexAuth.substring(0, kexAuth.indexOf('_'));
      auth = kexAuth.substring(kexAuth.indexOf('_') + 1).replace("_EXPORT1024", "").replace("_EXPORT", "");
    } else {
      kex = kexAuth;
      auth = kexAuth;
    }
    if (kexAuth.startsWith("SRP_SHA")) {
      kex = "SRP";
      auth = kexAuth.equals("SRP_SHA") ? "SRP" : kexAuth.substring(8);
    }
    return new CipherSuite(code, ianaName, kex, auth, cipher, mac, false);
  }

  /**
   * Tells whether the key exchange is ephemeral (forward secrecy): DHE, ECDHE, or any TLS 1.3 suite.
   *
   * @return whether a stolen server key cannot decrypt recorded sessions
   */
  public boolean forwardSecret() {
    return tls13 || kex.equals("DHE") || kex.equals("ECDHE") || kex.equals("PSK_DHE") || kex.equals("ECCPWD");
  }

  /**
   * Tells whether the key exchange is finite-field ephemeral Diffie-Hellman (its group size is in the ServerKeyExchange).
   *
   * @return true for DHE and anonymous DH suites
   */
  public boolean finiteFieldDh() {
    return kex.equals("DHE") || kex.equals("DH") && auth.equals("anon") || kex.equals("PSK_DHE");
  }

  /**
   * Tells whether the key exchange is elliptic-curve ephemeral Diffie-Hellman.
   *
   * @return true for ECDHE and anonymous ECDH suites
   */
  public boolean ellipticDh() {
    return kex.equals("ECDHE") || kex.equals("ECDH") && auth.equals("anon");
  }

  /** @return whether the bulk cipher is RC4 (RFC 7465 forbids it) */
  public boolean rc4() {
    return cipher.startsWith("RC4");
  }

  /** @return whether the bulk cipher has a 64-bit block (3DES, IDEA, RC2, GOST 28147): SWEET32 */
  public boolean block64() {
    return cipher.contains("3DES") || cipher.startsWith("IDEA") || cipher.startsWith("RC2") || cipher.startsWith("28147")
        || cipher.startsWith("MAGMA");
  }

  /** @return whether there is no encryption at all */
  public boolean nullCipher() {
    return cipher.equals("NULL") || kex.equals("NULL");
  }

  /** @return whether this is an export-grade suite (40/56-bit keys or 512/1024-bit key exchange) */
  public boolean export() {
    return name.contains("EXPORT") || cipher.contains("40");
  }

  /** @return whether the server is not authenticated */
  public boolean anonymous() {
    return auth.equals("anon");
  }

  /** @return whether the bulk cipher is single DES (56 bits) */
  public boolean singleDes() {
    return cipher.startsWith("DES_") || cipher.equals("DES") || cipher.startsWith("DES40");
  }

  /** @return whether the cipher is a block cipher in CBC mode (BEAST in SSLv3 / TLS 1.0, Lucky13) */
  public boolean cbc() {
    return cipher.contains("CBC");
  }

  /** @return whether the cipher is an AEAD (GCM, CCM, ChaCha20-Poly1305, MGM) */
  public boolean aead() {
    return tls13 || cipher.contains("GCM") || cipher.contains("CCM") || cipher.contains("POLY1305") || cipher.contains("MGM");
  }

  /** @return whether this suite exists only from TLS 1.2 on (AEAD or a SHA-2 PRF) */
  public boolean tls12Only() {
    return aead() || mac.equals("SHA256") || mac.equals("SHA384");
  }

  /**
   * Returns the code as printed in reports.
   *
   * @return for example {@code "0xC02F"}
   */
  public String hex() {
    return String.format(Locale.ROOT, "0x%04X", code);
  }
}
