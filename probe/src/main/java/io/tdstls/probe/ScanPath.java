package io.tdstls.probe;

/** The two ways TLS reaches a TDS endpoint, each scanned on its own. */
public enum ScanPath {
  /** TDS 7.x: PRELOGIN with ENCRYPT_ON in clear, then the handshake as the payload of PRELOGIN packets (type 0x12). */
  TDS7("inside TDS 7.x PRELOGIN"),
  /** TDS 8.0 strict: TLS first on the TCP connection, as on any TLS service. */
  STRICT("strict (TLS first)");

  private final String label;

  ScanPath(String label) {
    this.label = label;
  }

  /** @return how reports name the path */
  public String label() {
    return label;
  }
}
