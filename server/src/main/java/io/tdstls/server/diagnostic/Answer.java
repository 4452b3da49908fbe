package io.tdstls.server.diagnostic;

import io.tdstls.protocol.token.EnvChange;
import java.util.List;

/** What the diagnostic endpoint answers to one statement. */
public sealed interface Answer {

  /**
   * A result set.
   *
   * @param columns the columns
   * @param rows the rows; each value matches its column's type, or is {@code null}
   */
  record Rows(List<ResultColumn> columns, List<List<Object>> rows) implements Answer {
    /**
     * Copies the lists.
     *
     * @param columns see the record component
     * @param rows see the record component
     */
    public Rows {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /**
   * A statement that changes the environment (a transaction began or ended): ENVCHANGE tokens.
   *
   * @param changes the changes, in order
   */
  record Changes(List<EnvChange> changes) implements Answer {
    /**
     * Copies the list.
     *
     * @param changes see the record component
     */
    public Changes {
      changes = List.copyOf(changes);
    }
  }

  /** A statement that returns nothing (SET options and the like). */
  record Done() implements Answer {}

  /**
   * {@code USE database}: the session's database changes (an ENVCHANGE).
   *
   * @param database the new database
   */
  record UseDatabase(String database) implements Answer {}

  /**
   * An error, answered as SQL Server does with an ERROR token.
   *
   * @param number the error number (102 syntax, 208 invalid object, ...)
   * @param state the state
   * @param severity the class
   * @param message the text
   */
  record Failure(int number, int state, int severity, String message) implements Answer {}
}
