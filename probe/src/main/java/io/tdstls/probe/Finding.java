package io.tdstls.probe;

import java.util.Objects;

/**
 * One thing the probe found, with what to do about it.
 *
 * @param id a stable identifier for scripts, for example {@code "cleartext-login"}
 * @param severity how serious it is
 * @param title what was found, in one line
 * @param fix what to change, in one line
 */
public record Finding(String id, Severity severity, String title, String fix) {

  /**
   * Checks the components.
   *
   * @param id see the record component
   * @param severity see the record component
   * @param title see the record component
   * @param fix see the record component
   */
  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * Returns the one-line form used in reports.
   *
   * @return for example {@code "cleartext login accepted — high — set Force Encryption"}
   */
  @Override
  public String toString() {
    return title + " — " + severity.label() + " — " + fix;
  }
}
