package io.tdstls.protocol.login;

import io.tdstls.error.TdsProtocolException;

/**
 * The workflow byte of an ADAL/MSAL FEDAUTH FeatureExt ([MS-TDS] 2.2.6.4): how the client will
 * obtain its token once it has the server's FEDAUTHINFO. Drivers map the {@code Authentication=}
 * connection-string values onto these.
 */
public enum FedAuthWorkflow {
  /** 0x01: user name and password ({@code ActiveDirectoryPassword}, also service principals). */
  USERNAME_PASSWORD(0x01),
  /** 0x02: the Windows/Kerberos identity of the process ({@code ActiveDirectoryIntegrated}). */
  INTEGRATED(0x02),
  /**
   * 0x03: any other way the library finds a token: interactive, managed identity, default
   * credential chain, or an application callback.
   */
  DEFAULT(0x03);

  private final int code;

  FedAuthWorkflow(int code) {
    this.code = code;
  }

  /**
   * Returns the wire code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Finds the workflow for a wire code.
   *
   * @param code the code
   * @return the workflow
   * @throws TdsProtocolException if the code is unknown
   */
  public static FedAuthWorkflow fromCode(int code) throws TdsProtocolException {
    for (FedAuthWorkflow w : values()) {
      if (w.code == code) {
        return w;
      }
    }
    throw new TdsProtocolException("FEDAUTH FeatureExt",
        String.format("unknown ADAL/MSAL workflow 0x%02X (known: 0x01, 0x02, 0x03)", code), 1);
  }
}
