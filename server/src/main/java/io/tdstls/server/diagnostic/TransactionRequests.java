package io.tdstls.server.diagnostic;

import io.tdstls.protocol.batch.TransactionManagerRequest;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers transaction manager requests ([MS-TDS] 2.2.6.9) from the session's {@link
 * Transactions}: BEGIN, COMMIT and ROLLBACK (optionally beginning the next transaction at once, as
 * ODBC drivers in manual-commit mode do) with their ENVCHANGE descriptors, SAVE, and the DTC
 * requests. There is no distributed transaction coordinator behind this endpoint: GET_DTC_ADDRESS
 * answers an empty address and PROMOTE and PROPAGATE get SQL Server's "MSDTC unavailable" error.
 */
final class TransactionRequests {

  private final SessionFacts facts;
  private final AnswerTokens tokens;

  TransactionRequests(SessionFacts facts, AnswerTokens tokens) {
    this.facts = facts;
    this.tokens = tokens;
  }

  List<Token> answer(TransactionManagerRequest request) {
    Transactions tx = facts.state().transactions();
    List<Answer> answers = new ArrayList<>();
    switch (request.kind()) {
      case BEGIN:
        answers.add(tx.begin());
        break;
      case COMMIT:
      case ROLLBACK: {
        Answer end = request.kind() == TransactionManagerRequest.Kind.COMMIT ? tx.commit() : tx.rollback(request.name());
        answers.add(end);
        if (request.beginAfter() && !(end instanceof Answer.Failure)) {
          answers.add(tx.begin());
        }
        break;
      }
      case SAVE:
        answers.add(tx.save(request.name()));
        break;
      case GET_DTC_ADDRESS:
        answers.add(new Answer.Rows(List.of(new ResultColumn("", SqlValue.varbinary(null, 255).type())),
            List.of(List.of(new byte[0]))));
        break;
      default:
        answers.add(new Answer.Failure(8501, 3, 16, "MSDTC on server '" + facts.serverName() + "' is unavailable."));
        break;
    }
    List<Token> out = new ArrayList<>();
    List<Answer> merged = merge(answers);
    tokens.appendAll(merged, TokenType.DONE, true, out);
    return out;
  }

  /** A commit and the begin that follows it share one DONE, as in SQL Server. */
  private static List<Answer> merge(List<Answer> answers) {
    List<EnvChange> all = new ArrayList<>();
    for (Answer a : answers) {
      if (a instanceof Answer.Failure) {
        return List.of(a);
      }
      if (a instanceof Answer.Changes c) {
        all.addAll(c.changes());
      } else if (a instanceof Answer.Rows) {
        return List.of(a);
      }
    }
    return List.of(all.isEmpty() ? new Answer.Done() : new Answer.Changes(all));
  }
}
