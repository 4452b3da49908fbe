package io.tdstls.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the server's certificate says, and what a client would make of it.
 *
 * @param subject the leaf's subject distinguished name
 * @param subjectAlternativeNames the DNS names and IP addresses in the leaf
 * @param issuer the leaf's issuer distinguished name
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param daysLeft whole days from the probe until {@code notAfter}; negative once expired
 * @param keyAlgorithm the public key algorithm, for example {@code "RSA"} or {@code "EC"}
 * @param keyBits the key size in bits (the modulus for RSA, the order for EC); 0 when unknown
 * @param signatureAlgorithm the leaf's signature algorithm, for example {@code "SHA256withRSA"}
 * @param serverAuthEku whether a client accepts the leaf for server authentication: it has the
 *     serverAuth extended key usage, or no extended key usage at all
 * @param chainLength how many certificates the server sent
 * @param chainShape how complete the chain is
 * @param selfSigned whether the leaf signed itself
 * @param sqlServerFallback whether the leaf is SQL Server's self-generated certificate (CN
 *     starting {@code SSL_Self_Signed_Fallback})
 * @param hostname the name the match was checked for (the target's host)
 * @param hostnameMatches whether the leaf is issued for that name
 * @param systemTrust whether the JVM's default trust store validates the chain
 * @param caFileTrust whether the anchors from {@code --ca-file} validate the chain
 * @param sha256 the leaf's SHA-256 fingerprint, hex
 */
public record CertificateFacts(String subject, List<String> subjectAlternativeNames, String issuer,
    Instant notBefore, Instant notAfter, long daysLeft, String keyAlgorithm, int keyBits,
    String signatureAlgorithm, boolean serverAuthEku, int chainLength, ChainShape chainShape,
    boolean selfSigned, boolean sqlServerFallback, String hostname, boolean hostnameMatches,
    TrustVerdict systemTrust, TrustVerdict caFileTrust, String sha256) {

  /**
   * Checks the components and copies the list.
   *
   * @param subject see the record component
   * @param subjectAlternativeNames see the record component
   * @param issuer see the record component
   * @param notBefore see the record component
   * @param notAfter see the record component
   * @param daysLeft see the record component
   * @param keyAlgorithm see the record component
   * @param keyBits see the record component
   * @param signatureAlgorithm see the record component
   * @param serverAuthEku see the record component
   * @param chainLength see the record component
   * @param chainShape see the record component
   * @param selfSigned see the record component
   * @param sqlServerFallback see the record component
   * @param hostname see the record component
   * @param hostnameMatches see the record component
   * @param systemTrust see the record component
   * @param caFileTrust see the record component
   * @param sha256 see the record component
   */
  public CertificateFacts {
    Objects.requireNonNull(subject, "subject");
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(chainShape, "chainShape");
    Objects.requireNonNull(systemTrust, "systemTrust");
    Objects.requireNonNull(caFileTrust, "caFileTrust");
  }

  /**
   * Tells whether either set of trust anchors validates the chain.
   *
   * @return whether a client with the system store or the CA file would trust it
   */
  public boolean trusted() {
    return systemTrust == TrustVerdict.TRUSTED || caFileTrust == TrustVerdict.TRUSTED;
  }
}
