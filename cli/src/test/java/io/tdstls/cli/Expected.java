package io.tdstls.cli;

import io.tdstls.negotiation.EncryptMode;

/**
 * What each client mode gets from each server policy, from the encryption table in the protocol
 * facts (TDS 7.x reply table, strict rules, error 17819 for 7.x clients of a strict-only server).
 * Tests compare the command's output against this; nothing here is computed by the code under test.
 */
public final class Expected {

  private Expected() {}

  /** The server policies, by their command-line spelling. */
  public static final String[] POLICIES = {"available", "forced", "not-supported", "strict-required"};

  /**
   * Returns the outcome label, or {@code refused:KIND}.
   *
   * @param mode the client mode
   * @param policy the server policy's spelling
   * @return for example {@code login-only} or {@code refused:ENCRYPTION_REQUIRED}
   */
  public static String outcome(EncryptMode mode, String policy) {
    switch (policy) {
      case "available":
        return new String[] {"none", "login-only", "full", "strict"}[mode.ordinal()];
      case "forced":
        return new String[] {"refused:ENCRYPTION_REQUIRED", "full", "full", "strict"}[mode.ordinal()];
      case "not-supported":
        return new String[] {"none", "none", "refused:ENCRYPTION_NOT_SUPPORTED", "refused:CONNECTION"}[mode.ordinal()];
      case "strict-required":
        return new String[] {"refused:ENCRYPTION_REQUIRED", "refused:LOGIN_FAILED", "refused:LOGIN_FAILED",
            "strict"}[mode.ordinal()];
      default:
        throw new IllegalArgumentException(policy);
    }
  }

  /**
   * Returns what {@code sys.dm_exec_connections.encrypt_option} shows for a session that logged in.
   *
   * @param outcome the outcome label
   * @return TRUE for a fully encrypted session, else FALSE
   */
  public static String encryptOption(String outcome) {
    return outcome.equals("full") || outcome.equals("strict") ? "TRUE" : "FALSE";
  }
}
