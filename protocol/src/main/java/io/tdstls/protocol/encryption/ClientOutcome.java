package io.tdstls.protocol.encryption;

import io.tdstls.error.TdsException;
import java.util.Optional;

/**
 * What a TDS 7.x client does after reading the server's ENCRYPTION reply: go on with an {@link
 * Outcome}, or fail (before sending anything more) for a reason.
 *
 * @param outcome the outcome, or {@code null} when the client must fail
 * @param failure the kind of failure ({@link TdsException.Kind#ENCRYPTION_REQUIRED}, {@link
 *     TdsException.Kind#ENCRYPTION_NOT_SUPPORTED} or {@link TdsException.Kind#PROTOCOL_VIOLATION}),
 *     or {@code null} on success
 * @param reason why the client fails; empty on success
 */
public record ClientOutcome(Outcome outcome, TdsException.Kind failure, String reason) {

  /**
   * Returns a successful outcome.
   *
   * @param outcome the outcome
   * @return the decision
   */
  public static ClientOutcome proceed(Outcome outcome) {
    return new ClientOutcome(outcome, null, "");
  }

  /**
   * Returns a failure.
   *
   * @param failure the kind of failure
   * @param reason why
   * @return the decision
   */
  public static ClientOutcome fail(TdsException.Kind failure, String reason) {
    return new ClientOutcome(null, failure, reason);
  }

  /**
   * Tells whether the client must fail.
   *
   * @return whether this is a failure
   */
  public boolean failed() {
    return outcome == null;
  }

  /**
   * Returns the outcome, if the client goes on.
   *
   * @return the outcome, or empty on failure
   */
  public Optional<Outcome> outcomeIfAny() {
    return Optional.ofNullable(outcome);
  }

  @Override
  public String toString() {
    return failed() ? "fail: " + failure + " (" + reason + ")" : outcome.label();
  }
}
