package io.tdstls.probe;

import io.tdstls.tls.TlsVersion;

/** The protocol versions the raw handshakes offer, from SSL 3.0 to TLS 1.3, with their wire codes. */
public enum WireVersion {
  /** SSL 3.0 (RFC 6101), broken by POODLE. */
  SSL_3_0(0x0300, "SSLv3"),
  /** TLS 1.0. */
  TLS_1_0(0x0301, "TLSv1.0"),
  /** TLS 1.1. */
  TLS_1_1(0x0302, "TLSv1.1"),
  /** TLS 1.2. */
  TLS_1_2(0x0303, "TLSv1.2"),
  /** TLS 1.3. */
  TLS_1_3(0x0304, "TLSv1.3");

  private final int code;
  private final String label;

  WireVersion(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** @return the two-byte code on the wire, for example 0x0303 */
  public int code() {
    return code;
  }

  /** @return the name used in reports (as nmap prints it), for example {@code "TLSv1.2"} */
  public String label() {
    return label;
  }

  /** @return whether this version is older than TLS 1.2 */
  public boolean legacy() {
    return this.compareTo(TLS_1_2) < 0;
  }

  /**
   * Looks a wire code up.
   *
   * @param code the code
   * @return the version, or null
   */
  static WireVersion byCode(int code) {
    for (WireVersion v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    return null;
  }

  /**
   * Returns the JSSE-era version of the same number, if the core knows it.
   *
   * @return the version, or null for SSL 3.0
   */
  TlsVersion tlsVersion() {
    return this == SSL_3_0 ? null : TlsVersion.values()[ordinal() - 1];
  }
}
