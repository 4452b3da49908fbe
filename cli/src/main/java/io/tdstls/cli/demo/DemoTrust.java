package io.tdstls.cli.demo;

/** How the demo's client trusts the freshly generated server certificate. */
public enum DemoTrust {
  /** Pin the server certificate's SHA-256 fingerprint. */
  PIN,
  /** Trust the generated CA, written to a temporary PEM file. */
  CA_FILE
}
