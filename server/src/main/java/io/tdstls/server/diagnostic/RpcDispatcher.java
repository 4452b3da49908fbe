package io.tdstls.server.diagnostic;

import io.tdstls.protocol.batch.RpcParameter;
import io.tdstls.protocol.batch.RpcRequest;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.ReturnStatus;
import io.tdstls.protocol.token.ReturnValue;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers remote procedure calls as SQL Server does, by name or by well-known ProcID
 * ([MS-TDS] 2.2.6.6): {@code sp_executesql} (10), {@code sp_prepare} (11), {@code sp_execute}
 * (12), {@code sp_prepexec} (13), {@code sp_unprepare} (15) and {@code sp_reset_connection}. The
 * parameters are bound into the statement ({@link Parameters}); each statement's tokens end with
 * DONEINPROC, then come RETURNSTATUS, the RETURNVALUE of the prepared handle where there is one,
 * and DONEPROC. Any other procedure gets error 2812.
 */
final class RpcDispatcher {

  private static final List<String> BY_ID = List.of("", "sp_cursor", "sp_cursoropen", "sp_cursorprepare",
      "sp_cursorexecute", "sp_cursorprepexec", "sp_cursorunprepare", "sp_cursorfetch", "sp_cursoroption",
      "sp_cursorclose", "sp_executesql", "sp_prepare", "sp_execute", "sp_prepexec", "sp_prepexecrpc", "sp_unprepare");

  private final SessionFacts facts;
  private final AnswerTokens tokens;

  RpcDispatcher(SessionFacts facts, AnswerTokens tokens) {
    this.facts = facts;
    this.tokens = tokens;
  }

  /** The procedure a call names, in lower case, without a {@code master..} or {@code dbo.} prefix. */
  static String procedureName(RpcRequest call) {
    if (call.procName().isEmpty()) {
      return call.procId() < BY_ID.size() ? BY_ID.get(call.procId()) : "proc id " + call.procId();
    }
    String name = call.procName().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** The tokens of a call; its DONEPROC has the MORE bit unless it is the message's last call. */
  List<Token> call(RpcRequest call, boolean last) {
    List<Token> out = new ArrayList<>();
    List<RpcParameter> p = call.parameters();
    PreparedStatements prepared = facts.state().prepared();
    Answer failure = null;
    switch (procedureName(call)) {
      case "sp_executesql":
        if (p.isEmpty() || !(p.get(0).value() instanceof String)) {
          failure = missing("sp_executesql", "@statement");
          break;
        }
        failure = run((String) p.get(0).value(), text(p, 1), p.subList(Math.min(2, p.size()), p.size()), out);
        break;
      case "sp_prepare": {
        if (p.size() < 3 || !(p.get(2).value() instanceof String)) {
          failure = missing("sp_prepare", "@stmt");
          break;
        }
        int handle = prepared.prepare(text(p, 1), (String) p.get(2).value());
        return finish(out, false, handle(p.get(0), handle), last);
      }
      case "sp_prepexec": {
        if (p.size() < 3 || !(p.get(2).value() instanceof String)) {
          failure = missing("sp_prepexec", "@stmt");
          break;
        }
        int handle = prepared.prepare(text(p, 1), (String) p.get(2).value());
        failure = run((String) p.get(2).value(), text(p, 1), p.subList(3, p.size()), out);
        return finish(out, failure != null, handle(p.get(0), handle), last);
      }
      case "sp_execute": {
        PreparedStatements.Prepared statement = p.isEmpty() ? null : prepared.get(handleOf(p.get(0)));
        if (statement == null) {
          failure = unknownHandle(p);
          break;
        }
        failure = run(statement.sql(), statement.declaration(), p.subList(1, p.size()), out);
        break;
      }
      case "sp_unprepare":
        if (p.isEmpty() || !prepared.unprepare(handleOf(p.get(0)))) {
          failure = unknownHandle(p);
        }
        break;
      case "sp_reset_connection":
        facts.state().reset(false);
        break;
      default:
        failure = new Answer.Failure(2812, 62, 16, "Could not find stored procedure '" + call.procedure() + "'.");
        break;
    }
    if (failure != null && out.isEmpty()) {
      out.add(tokens.error((Answer.Failure) failure));
    }
    return finish(out, failure != null, null, last);
  }

  /** Runs a statement with bound parameters; returns the failure, if any, after adding its tokens. */
  private Answer run(String sql, String declaration, List<RpcParameter> values, List<Token> out) {
    Map<String, SqlValue> bound = Parameters.bind(declaration, values);
    List<Answer> answers = DiagnosticSql.answer(sql, new Scope(facts, bound));
    tokens.appendAll(answers, TokenType.DONEINPROC, false, out);
    return answers.stream().filter(a -> a instanceof Answer.Failure).findFirst().orElse(null);
  }

  private List<Token> finish(List<Token> out, boolean failed, ReturnValue handle, boolean last) {
    out.add(new ReturnStatus(failed ? 1 : 0));
    if (handle != null) {
      out.add(handle);
    }
    int status = (failed ? DoneStatus.ERROR.code() : 0) | (last ? 0 : DoneStatus.MORE.code());
    out.add(Done.of(TokenType.DONEPROC, status, 0, 0));
    return out;
  }

  private static ReturnValue handle(RpcParameter declared, int handle) {
    return new ReturnValue(0, declared.name(), SqlValue.INT, handle);
  }

  private static int handleOf(RpcParameter p) {
    return p.value() instanceof Number ? ((Number) p.value()).intValue() : -1;
  }

  private static String text(List<RpcParameter> p, int i) {
    return i < p.size() && p.get(i).value() instanceof String ? (String) p.get(i).value() : "";
  }

  private static Answer missing(String procedure, String parameter) {
    return new Answer.Failure(201, 4, 16, "Procedure or function '" + procedure + "' expects parameter '" + parameter
        + "', which was not supplied.");
  }

  private static Answer unknownHandle(List<RpcParameter> p) {
    return new Answer.Failure(8179, 1, 16, "Could not find prepared statement with handle "
        + (p.isEmpty() ? "(none)" : String.valueOf(p.get(0).value())) + ".");
  }
}
