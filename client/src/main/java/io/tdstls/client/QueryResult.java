package io.tdstls.client;

import io.tdstls.protocol.token.ServerMessage;
import java.util.List;

/**
 * Everything a batch returned: its result sets, the server's informational messages, and the row
 * counts of its statements.
 *
 * @param tables the result sets, in order
 * @param messages INFO messages (errors are thrown as {@link io.tdstls.error.ServerErrorException})
 * @param rowCounts the row counts reported by DONE tokens that carry one
 */
public record QueryResult(List<ResultTable> tables, List<ServerMessage> messages, List<Long> rowCounts) {

  /**
   * Copies the lists.
   *
   * @param tables see the record component
   * @param messages see the record component
   * @param rowCounts see the record component
   */
  public QueryResult {
    tables = List.copyOf(tables);
    messages = List.copyOf(messages);
    rowCounts = List.copyOf(rowCounts);
  }

  /**
   * Returns the first result set.
   *
   * @return the first table
   * @throws IllegalStateException if the batch returned none
   */
  public ResultTable firstTable() {
    if (tables.isEmpty()) {
      throw new IllegalStateException("the batch returned no result set");
    }
    return tables.get(0);
  }
}
