package io.tdstls.probe;

/** Told when each target's probe starts and ends, for progress display. */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /**
   * Called when a target's probe starts.
   *
   * @param target the target
   */
  default void started(Target target) {}

  /**
   * Called when a target's probe is finished.
   *
   * @param report its report
   * @param done how many targets are finished, this one included
   * @param total how many targets there are
   */
  default void finished(ProbeReport report, int done, int total) {}
}
