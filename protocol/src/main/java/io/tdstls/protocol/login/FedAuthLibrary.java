package io.tdstls.protocol.login;

import io.tdstls.error.TdsProtocolException;

/**
 * The bFedAuthLibrary of a FEDAUTH FeatureExt ([MS-TDS] 2.2.6.4): who produced the token, and
 * therefore whether the server must first send FEDAUTHINFO.
 */
public enum FedAuthLibrary {
  /** 0x01: the client already holds a token; it travels inside LOGIN7. */
  SECURITY_TOKEN(0x01, false),
  /**
   * 0x02: ADAL, also used by MSAL clients: the client asks for FEDAUTHINFO (STS URL, SPN), gets a
   * token, and sends it in a FEDAUTH_TOKEN message (packet type 0x08).
   */
  MSAL(0x02, true);

  private final int code;
  private final boolean needsInfo;

  FedAuthLibrary(int code, boolean needsInfo) {
    this.code = code;
    this.needsInfo = needsInfo;
  }

  /**
   * Returns the 7-bit wire code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Tells whether the client needs the server's FEDAUTHINFO before it can produce a token.
   *
   * @return whether this is the information-request flow
   */
  public boolean needsInfo() {
    return needsInfo;
  }

  /**
   * Finds the library for a wire code.
   *
   * @param code the 7-bit code
   * @return the library
   * @throws TdsProtocolException if the code is not a known library
   */
  public static FedAuthLibrary fromCode(int code) throws TdsProtocolException {
    for (FedAuthLibrary l : values()) {
      if (l.code == code) {
        return l;
      }
    }
    throw new TdsProtocolException("FEDAUTH FeatureExt",
        String.format("unsupported bFedAuthLibrary 0x%02X (known: 0x01 security token, 0x02 ADAL/MSAL)", code), 0);
  }
}
