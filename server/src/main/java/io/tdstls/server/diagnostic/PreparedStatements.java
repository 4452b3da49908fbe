package io.tdstls.server.diagnostic;

import java.util.HashMap;
import java.util.Map;

/** The statements a session prepared with {@code sp_prepare} or {@code sp_prepexec}, by handle. */
final class PreparedStatements {

  /** A prepared statement: its parameter declaration ({@code @P0 int, ...}) and its SQL text. */
  record Prepared(String declaration, String sql) {}

  private final Map<Integer, Prepared> byHandle = new HashMap<>();
  private int lastHandle;

  int prepare(String declaration, String sql) {
    byHandle.put(++lastHandle, new Prepared(declaration, sql));
    return lastHandle;
  }

  Prepared get(int handle) {
    return byHandle.get(handle);
  }

  boolean unprepare(int handle) {
    return byHandle.remove(handle) != null;
  }

  void clear() {
    byHandle.clear();
  }
}
