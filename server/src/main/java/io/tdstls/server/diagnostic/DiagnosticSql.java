package io.tdstls.server.diagnostic;

import io.tdstls.protocol.encryption.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the diagnostic endpoint understands, answered from the live session: the
 * {@code SET} options drivers send at connect ({@link SetStatements}), {@code USE}, transactions
 * ({@code BEGIN TRAN}, {@code COMMIT}, {@code ROLLBACK}, {@code SAVE TRAN}, and
 * {@code IF @@TRANCOUNT > 0 ...}), selects of expressions ({@code SELECT 1, N'x' AS name},
 * {@code SELECT @@MAX_PRECISION}, {@code SELECT SERVERPROPERTY('ProductVersion')},
 * {@code SELECT @P0}: see {@link Expressions}), and selects from the views of {@link SystemViews}
 * ({@code sys.dm_exec_connections}, seed 001's verification query; {@code sys.databases};
 * {@code tdstls.negotiation}...) with {@code WHERE column = expression [AND ...]}. Anything else
 * gets the error SQL Server would give: 208 for an unknown object, 207 for an unknown column,
 * 2812 for an unknown procedure, 102 for anything it cannot parse.
 */
public final class DiagnosticSql {

  /** The text of {@code @@VERSION}. */
  public static final String VERSION_TEXT = "Microsoft SQL Server 2022 (RTM) - 16.0.1000.6 (X64) \n"
      + "\ttds-tls diagnostic endpoint (TDS 7.x and TDS 8.0 strict; not a database)";

  private static final Pattern SELECT = Pattern.compile(
      "(?is)^select\\s+(?:top\\s+\\(?\\d+\\)?\\s+|distinct\\s+)?(.+?)(?:\\s+from\\s+([\\w.\\[\\]#]+)"
      + "(?:\\s+where\\s+(.+?))?)?(?:\\s+order\\s+by\\s+[\\w\\s,.\\[\\]]+)?$");
  private static final Pattern USE = Pattern.compile("(?i)^use\\s+\\[?([^\\]\\s;]+)\\]?$");
  private static final Pattern BEGIN = Pattern.compile("(?i)^begin\\s+tran(?:saction)?(?:\\s+(\\S+))?$");
  private static final Pattern END = Pattern.compile("(?i)^(commit|rollback)(?:\\s+(?:tran(?:saction)?|work))?(?:\\s+(\\S+))?$");
  private static final Pattern SAVE = Pattern.compile("(?i)^save\\s+tran(?:saction)?\\s+(\\S+)$");
  private static final Pattern IF = Pattern.compile("(?is)^if\\s+(.+?)\\s*(<>|!=|>=|<=|=|>|<)\\s*(-?\\d+)\\s+(.+)$");
  private static final Pattern ALIAS_AS = Pattern.compile("(?is)^(.+?)\\s+(?:as\\s+)?(\\[[^\\]]+\\]|[A-Za-z_][\\w]*|'[^']*')$");
  private static final Pattern ALIAS_EQ = Pattern.compile("(?is)^(\\[[^\\]]+\\]|[A-Za-z_][\\w]*)\\s*=\\s*(.+)$");
  private static final Pattern CONDITION = Pattern.compile("(?is)^\\[?([A-Za-z_][\\w]*)\\]?\\s*=\\s*(.+)$");

  private DiagnosticSql() {}

  /**
   * Answers a batch, one answer per statement.
   *
   * @param batch the SQL text of the batch
   * @param facts the live session (SET, USE and transactions change its state)
   * @return the answers, in order
   */
  public static List<Answer> answer(String batch, SessionFacts facts) {
    return answer(batch, Scope.of(facts));
  }

  /** Answers a batch whose parameters an RPC bound. */
  static List<Answer> answer(String batch, Scope scope) {
    List<Answer> answers = new ArrayList<>();
    for (String statement : SqlText.statements(batch)) {
      Answer a = answerOne(statement, scope);
      scope.state().completed(a);
      answers.add(a);
      if (a instanceof Answer.Failure) {
        break; // SQL Server aborts a batch on a parse error
      }
    }
    if (answers.isEmpty()) {
      answers.add(new Answer.Done());
    }
    return answers;
  }

  private static Answer answerOne(String statement, Scope scope) {
    SessionState state = scope.state();
    if (SetStatements.isSet(statement)) {
      return SetStatements.apply(statement, state);
    }
    Matcher m = USE.matcher(statement);
    if (m.matches()) {
      return new Answer.UseDatabase(m.group(1));
    }
    if ((m = SELECT.matcher(statement)).matches()) {
      return m.group(2) == null ? expressions(m.group(1), scope) : fromView(m, scope);
    }
    if ((m = BEGIN.matcher(statement)).matches()) {
      return state.transactions().begin();
    }
    if ((m = END.matcher(statement)).matches()) {
      return m.group(1).equalsIgnoreCase("commit") ? state.transactions().commit()
          : state.transactions().rollback(m.group(2) == null ? "" : m.group(2));
    }
    if ((m = SAVE.matcher(statement)).matches()) {
      return state.transactions().save(m.group(1));
    }
    if ((m = IF.matcher(statement)).matches()) {
      return conditional(m, scope);
    }
    String[] words = statement.split("\\s+");
    if (words[0].toLowerCase(Locale.ROOT).startsWith("exec")) {
      return noProcedure(words.length > 1 ? words[1] : "");
    }
    if (words[0].toLowerCase(Locale.ROOT).matches("(\\w+\\.)*(sp|xp)_\\w+")) {
      return noProcedure(words[0]); // a batch may call a procedure without EXEC
    }
    return syntaxError(SqlText.firstWord(statement));
  }

  private static Answer conditional(Matcher m, Scope scope) {
    SqlValue left = Expressions.evaluate(m.group(1), scope);
    if (left == null || left.isNull() || !left.asText().matches("-?\\d+")) {
      return syntaxError(SqlText.firstWord(m.group(1)));
    }
    int cmp = Long.compare(Long.parseLong(left.asText()), Long.parseLong(m.group(3)));
    boolean holds;
    switch (m.group(2)) {
      case "=": holds = cmp == 0; break;
      case ">": holds = cmp > 0; break;
      case "<": holds = cmp < 0; break;
      case ">=": holds = cmp >= 0; break;
      case "<=": holds = cmp <= 0; break;
      default: holds = cmp != 0; break;
    }
    return holds ? answerOne(m.group(4).trim(), scope) : new Answer.Done();
  }

  private static Answer noProcedure(String name) {
    return new Answer.Failure(2812, 62, 16, "Could not find stored procedure '" + name + "'.");
  }

  private static Answer syntaxError(String near) {
    return new Answer.Failure(102, 1, 15, "Incorrect syntax near '" + near + "'.");
  }

  private static Answer fromView(Matcher select, Scope scope) {
    SystemViews.View view = SystemViews.named(select.group(2));
    if (view == null) {
      return new Answer.Failure(208, 1, 16, "Invalid object name '" + select.group(2) + "'.");
    }
    List<ResultColumn> all = view.columns();
    List<List<Object>> rows = new ArrayList<>(view.rows().apply(scope));
    if (select.group(3) != null) {
      for (String condition : select.group(3).split("(?i)\\s+and\\s+")) {
        Matcher c = CONDITION.matcher(condition.trim());
        if (!c.matches()) {
          return syntaxError(SqlText.firstWord(condition));
        }
        int column = indexOf(all, c.group(1));
        if (column < 0) {
          return new Answer.Failure(207, 1, 16, "Invalid column name '" + c.group(1) + "'.");
        }
        SqlValue wanted = Expressions.evaluate(c.group(2), scope);
        if (wanted == null) {
          return syntaxError(SqlText.firstWord(c.group(2)));
        }
        rows.removeIf(r -> !sameValue(r.get(column), wanted.value()));
      }
    }
    List<ResultColumn> columns = new ArrayList<>();
    List<Integer> picked = new ArrayList<>();
    for (String item : SqlText.splitList(select.group(1))) {
      String expr = item.trim();
      if (expr.equals("*")) {
        for (int i = 0; i < all.size(); i++) {
          columns.add(all.get(i));
          picked.add(i);
        }
        continue;
      }
      String alias = null;
      Matcher as = ALIAS_AS.matcher(expr);
      Matcher eq = ALIAS_EQ.matcher(expr);
      if (eq.matches()) {
        alias = eq.group(1);
        expr = eq.group(2).trim();
      } else if (as.matches() && indexOf(all, as.group(1)) >= 0) {
        alias = as.group(2);
        expr = as.group(1).trim();
      }
      int column = indexOf(all, expr);
      if (column < 0) {
        return new Answer.Failure(207, 1, 16, "Invalid column name '" + expr + "'.");
      }
      columns.add(new ResultColumn(alias == null ? all.get(column).name() : unbracket(alias), all.get(column).type()));
      picked.add(column);
    }
    List<List<Object>> projected = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> row = new ArrayList<>();
      picked.forEach(i -> row.add(r.get(i)));
      projected.add(row);
    }
    return new Answer.Rows(columns, projected);
  }

  private static int indexOf(List<ResultColumn> columns, String name) {
    String n = unbracket(name.trim());
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(n)) {
        return i;
      }
    }
    return -1;
  }

  private static String unbracket(String name) {
    String n = name.trim();
    if ((n.startsWith("[") && n.endsWith("]")) || (n.startsWith("'") && n.endsWith("'"))) {
      return n.substring(1, n.length() - 1);
    }
    return n;
  }

  private static boolean sameValue(Object column, Object wanted) {
    if (column == null || wanted == null) {
      return false; // NULL = anything is never true
    }
    if (column instanceof Number && wanted instanceof Number) {
      return ((Number) column).longValue() == ((Number) wanted).longValue();
    }
    if (column instanceof Boolean) {
      return (((Boolean) column) ? "1" : "0").equals(wanted.toString());
    }
    return column.toString().equalsIgnoreCase(wanted.toString());
  }

  private static Answer expressions(String list, Scope scope) {
    List<ResultColumn> columns = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    for (String item : SqlText.splitList(list)) {
      String expr = item.trim();
      String alias = "";
      Matcher eq = ALIAS_EQ.matcher(expr);
      Matcher as = ALIAS_AS.matcher(expr);
      if (eq.matches() && !expr.startsWith("'") && !expr.startsWith("N'")) {
        alias = unbracket(eq.group(1));
        expr = eq.group(2).trim();
      } else if (as.matches() && Expressions.evaluate(as.group(1).trim(), scope) != null) {
        alias = unbracket(as.group(2));
        expr = as.group(1).trim();
      }
      SqlValue value = Expressions.evaluate(expr, scope);
      if (value == null) {
        return unknownExpression(expr, scope);
      }
      columns.add(new ResultColumn(alias, value.type()));
      row.add(value.value());
    }
    return new Answer.Rows(columns, List.of(row));
  }

  /** SQL Server's error for an expression this endpoint does not evaluate. */
  private static Answer unknownExpression(String expr, Scope scope) {
    String lower = expr.toLowerCase(Locale.ROOT);
    if (lower.startsWith("@")) {
      return new Answer.Failure(137, 2, 15, "Must declare the scalar variable \"" + expr + "\".");
    }
    Matcher call = Pattern.compile("^([A-Za-z_]\\w*)\\s*\\(").matcher(expr);
    if (call.find() && !SessionFunctions.knows(call.group(1))) {
      return new Answer.Failure(195, 10, 15, "'" + call.group(1) + "' is not a recognized built-in function name.");
    }
    return syntaxError(SqlText.firstWord(expr));
  }

  /**
   * Tells whether a session's outcome counts as encrypted in {@code encrypt_option}: every fully
   * encrypted session, including one that negotiated ENCRYPT_REQ (Babelfish reports FALSE there:
   * a known bug not repeated here).
   *
   * @param outcome the outcome
   * @return whether {@code encrypt_option} is TRUE
   */
  public static boolean reportsEncrypted(Outcome outcome) {
    return outcome.encryptsSession();
  }
}
