package io.tdstls.probe;

/** How complete the certificate chain a server presents is. */
public enum ChainShape {
  /** One certificate that signed itself. */
  SELF_SIGNED("self-signed leaf only"),
  /** One certificate issued by a CA that was not sent: a client must already hold the issuer. */
  LEAF_ONLY("leaf only, issuer not sent"),
  /** The leaf and intermediates, ending below the root (the usual, complete form). */
  TO_INTERMEDIATE("leaf and intermediates, root not sent"),
  /** The leaf up to and including a self-signed root. */
  TO_ROOT("leaf up to the root"),
  /** The certificates do not form a chain (an issuer does not match the next subject). */
  BROKEN("certificates out of order or unrelated");

  private final String label;

  ChainShape(String label) {
    this.label = label;
  }

  /**
   * Returns the description used in reports.
   *
   * @return for example {@code "leaf up to the root"}
   */
  public String label() {
    return label;
  }
}
