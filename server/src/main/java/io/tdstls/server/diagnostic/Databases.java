package io.tdstls.server.diagnostic;

import java.util.ArrayList;
import java.util.List;

/**
 * The databases the endpoint shows ({@code sys.databases}, {@code DB_ID}, {@code DB_NAME(id)}):
 * SQL Server's four system databases, then the login's database and the current one when they
 * are others. None holds tables: this is a diagnostic endpoint.
 */
final class Databases {

  private static final List<String> SYSTEM = List.of("master", "tempdb", "model", "msdb");

  private Databases() {}

  /** The names, in {@code database_id} order (id = index + 1). */
  static List<String> names(SessionState state) {
    List<String> names = new ArrayList<>(SYSTEM);
    for (String db : List.of(state.loginDatabase(), state.database())) {
      if (names.stream().noneMatch(db::equalsIgnoreCase)) {
        names.add(db);
      }
    }
    return names;
  }

  /** The id of a database, or null if unknown. */
  static Integer idOf(SessionState state, String name) {
    List<String> names = names(state);
    for (int i = 0; name != null && i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i + 1;
      }
    }
    return null;
  }

  /** The name of a database id, or null if unknown. */
  static String nameOf(SessionState state, int id) {
    List<String> names = names(state);
    return id >= 1 && id <= names.size() ? names.get(id - 1) : null;
  }
}
