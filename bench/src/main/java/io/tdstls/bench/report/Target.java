package io.tdstls.bench.report;

/**
 * Where one of the targets stands in this run. A target is a report line, never an
 * assertion: a missed target does not fail anything.
 *
 * @param name the target, as the issue states it
 * @param measured what this run measured
 * @param met whether the target is met
 * @param limit what limits the result (empty when nothing to add)
 */
public record Target(String name, String measured, boolean met, String limit) {

  /**
   * Returns the status word.
   *
   * @return {@code "met"} or {@code "not met"}
   */
  public String status() {
    return met ? "met" : "not met";
  }
}
