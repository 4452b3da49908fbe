package io.tdstls.protocol.token;

import java.util.Objects;

/**
 * FEDAUTHINFO (0xEE, [MS-TDS] 2.2.7.12): what a client of the information-request flow needs to
 * obtain a token: the security token service URL and the service principal name.
 *
 * <p>Wire layout after the token byte: TokenLength (DWORD), CountOfInfoIDs (DWORD), then per item
 * FedAuthInfoID (BYTE: 0x01 STSURL, 0x02 SPN), FedAuthInfoDataLen (DWORD) and
 * FedAuthInfoDataOffset (DWORD, counted from CountOfInfoIDs), then the data in UTF-16LE.
 *
 * @param stsUrl the token service URL (empty if the server sent none)
 * @param spn the service principal name to ask a token for (empty if the server sent none)
 */
public record FedAuthInfo(String stsUrl, String spn) implements Token {

  /** FedAuthInfoID of the STS URL. */
  public static final int ID_STSURL = 0x01;
  /** FedAuthInfoID of the SPN. */
  public static final int ID_SPN = 0x02;

  /**
   * Checks for nulls.
   *
   * @param stsUrl the token service URL
   * @param spn the service principal name
   */
  public FedAuthInfo {
    Objects.requireNonNull(stsUrl, "stsUrl");
    Objects.requireNonNull(spn, "spn");
  }

  @Override
  public TokenType type() {
    return TokenType.FEDAUTHINFO;
  }
}
