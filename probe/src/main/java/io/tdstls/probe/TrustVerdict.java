package io.tdstls.probe;

/** Whether a set of trust anchors validates the server's chain. */
public enum TrustVerdict {
  /** The chain validates (PKIX, no revocation check) to one of the anchors. */
  TRUSTED,
  /** The chain does not validate to any of the anchors. */
  UNTRUSTED,
  /** These anchors were not given (no {@code --ca-file}). */
  NOT_CHECKED
}
