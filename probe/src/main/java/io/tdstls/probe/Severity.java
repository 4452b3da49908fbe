package io.tdstls.probe;

import java.util.Locale;

/** How serious a {@link Finding} is, from informational to critical. */
public enum Severity {
  /** Worth knowing; nothing to fix. */
  INFO,
  /** A weakness with little practical risk. */
  LOW,
  /** A weakness an attacker in the right position can use. */
  MEDIUM,
  /** Credentials or data can be read or intercepted. */
  HIGH,
  /** Credentials or data cross the wire in clear for every client. */
  CRITICAL;

  /**
   * Returns the process exit code {@code tds-tls probe} uses when this is the worst finding: 0 for
   * none or info, 1 for low or medium, 3 for high or critical (2 is kept for usage errors).
   *
   * @return 0, 1 or 3
   */
  public int exitCode() {
    switch (this) {
      case INFO: return 0;
      case LOW:
      case MEDIUM: return 1;
      default: return 3;
    }
  }

  /**
   * Returns the lower-case name used in reports.
   *
   * @return for example {@code "high"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
