package io.tdstls.server.diagnostic;

import io.tdstls.protocol.token.ColMetadata;
import io.tdstls.protocol.token.Column;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.Row;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link Answer}s into the tokens SQL Server sends for them, each ending with a DONE (or
 * DONEINPROC inside a procedure), and applies {@code USE} to the session. With {@code SET NOCOUNT
 * ON} the DONE row counts are not marked valid, so clients print no "rows affected".
 */
final class AnswerTokens {

  /** curCmd of a SELECT, in DONE tokens. */
  private static final int CMD_SELECT = 0xC1;

  private final SessionState state;
  private final String serverName;

  AnswerTokens(SessionState state, String serverName) {
    this.state = state;
    this.serverName = serverName;
  }

  /** Appends the tokens of each answer; the last one's DONE has no MORE bit when {@code final_}. */
  void appendAll(List<Answer> answers, TokenType done, boolean finalDone, List<Token> out) {
    for (int i = 0; i < answers.size(); i++) {
      append(answers.get(i), finalDone && i == answers.size() - 1, done, out);
    }
  }

  void append(Answer answer, boolean last, TokenType done, List<Token> out) {
    int more = last ? 0 : DoneStatus.MORE.code();
    if (answer instanceof Answer.Rows rows) {
      List<Column> columns = new ArrayList<>();
      for (ResultColumn c : rows.columns()) {
        columns.add(Column.nullable(c.name(), c.type()));
      }
      out.add(new ColMetadata(columns));
      for (List<Object> r : rows.rows()) {
        out.add(new Row(TokenType.ROW, r));
      }
      // SET NOCOUNT ON: the row count is still sent, but not marked valid
      int count = state.isOn(SessionOption.NOCOUNT) ? 0 : DoneStatus.COUNT.code();
      out.add(Done.of(done, more | count, CMD_SELECT, rows.rows().size()));
    } else if (answer instanceof Answer.UseDatabase use) {
      out.add(EnvChange.database(use.database(), state.database()));
      out.add(info(5701, "Changed database context to '" + use.database() + "'."));
      state.database(use.database());
      out.add(Done.of(done, more, 0, 0));
    } else if (answer instanceof Answer.Changes changes) {
      out.addAll(changes.changes());
      out.add(Done.of(done, more, 0, 0));
    } else if (answer instanceof Answer.Failure f) {
      out.add(error(f));
      out.add(Done.of(done, more | DoneStatus.ERROR.code(), 0, 0));
    } else {
      out.add(Done.of(done, more, 0, 0));
    }
  }

  Token error(Answer.Failure f) {
    return ServerMessage.error(f.number(), f.state(), f.severity(), f.message(), serverName, "", 1);
  }

  Token info(int number, String message) {
    return ServerMessage.info(number, 1, 0, message, serverName, "", 1);
  }
}
