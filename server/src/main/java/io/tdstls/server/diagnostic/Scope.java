package io.tdstls.server.diagnostic;

import java.util.Locale;
import java.util.Map;

/**
 * What a statement is evaluated against: the session, and the parameters an RPC bound
 * ({@code @P0}, {@code @name}...), by lower-case name.
 *
 * @param facts the session
 * @param parameters the bound parameters, keys in lower case with their {@code @}
 */
record Scope(SessionFacts facts, Map<String, SqlValue> parameters) {

  Scope {
    parameters = Map.copyOf(parameters);
  }

  static Scope of(SessionFacts facts) {
    return new Scope(facts, Map.of());
  }

  SessionState state() {
    return facts.state();
  }

  /** The parameter's value, or null if no such parameter was bound. */
  SqlValue parameter(String name) {
    return parameters.get(name.toLowerCase(Locale.ROOT));
  }
}
