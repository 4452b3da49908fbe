package io.tdstls.server.diagnostic;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the diagnostic endpoint understands, answered from the live session: the SET
 * options drivers send at connect, {@code USE}, literal selects ({@code SELECT 1, N'x' AS name}),
 * {@code @@VERSION}, {@code @@SPID} and friends, {@code sys.dm_exec_connections} (seed 001's
 * verification query), and {@code tdstls.negotiation}, a name/value view of everything
 * negotiated. Anything else gets the error SQL Server would give: 208 for an unknown object, 102
 * for anything it cannot parse.
 */
public final class DiagnosticSql {

  /** The text of {@code @@VERSION}. */
  public static final String VERSION_TEXT = "Microsoft SQL Server 2022 (RTM) - 16.0.1000.6 (X64) \n"
      + "\ttds-tls diagnostic endpoint (TDS 7.x and TDS 8.0 strict; not a database)";

  private static final TypeInfo NVARCHAR_40 = TypeInfo.text(TdsType.NVARCHAR, 80, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
  private static final TypeInfo NVARCHAR_128 = TypeInfo.text(TdsType.NVARCHAR, 256, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
  private static final TypeInfo NVARCHAR_4000 = TypeInfo.text(TdsType.NVARCHAR, 8000, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
  private static final TypeInfo INT = TypeInfo.of(TdsType.INTN, 4);

  private static final Pattern SELECT = Pattern.compile(
      "(?is)^select\\s+(.+?)(?:\\s+from\\s+([\\w.\\[\\]#]+)(?:\\s+where\\s+(.+?))?)?$");
  private static final Pattern SESSION_FILTER = Pattern.compile("(?i)^session_id\\s*=\\s*(@@spid|\\d+)$");
  private static final Pattern USE = Pattern.compile("(?i)^use\\s+\\[?([^\\]\\s;]+)\\]?$");
  private static final Pattern ALIAS_AS = Pattern.compile("(?is)^(.+?)\\s+(?:as\\s+)?\\[?([A-Za-z_][\\w]*)\\]?$");
  private static final Pattern ALIAS_EQ = Pattern.compile("(?is)^\\[?([A-Za-z_][\\w]*)\\]?\\s*=\\s*(.+)$");

  private DiagnosticSql() {}

  /**
   * Answers a batch, one answer per statement.
   *
   * @param batch the SQL text of the batch
   * @param facts the live session
   * @return the answers, in order
   */
  public static List<Answer> answer(String batch, SessionFacts facts) {
    List<Answer> answers = new ArrayList<>();
    for (String statement : SqlText.statements(batch)) {
      answers.add(answerOne(statement, facts));
      if (answers.get(answers.size() - 1) instanceof Answer.Failure) {
        break; // SQL Server aborts a batch on a parse error
      }
    }
    if (answers.isEmpty()) {
      answers.add(new Answer.Done());
    }
    return answers;
  }

  private static Answer answerOne(String statement, SessionFacts facts) {
    String lower = statement.toLowerCase(Locale.ROOT);
    if (lower.startsWith("set ") || lower.startsWith("set\t") || lower.startsWith("set\n")) {
      return new Answer.Done();
    }
    Matcher use = USE.matcher(statement);
    if (use.matches()) {
      return new Answer.UseDatabase(use.group(1));
    }
    Matcher select = SELECT.matcher(statement);
    if (select.matches()) {
      return select.group(2) == null ? literals(select.group(1), facts) : fromObject(select, facts);
    }
    if (lower.startsWith("exec") ) {
      String name = statement.split("\\s+").length > 1 ? statement.split("\\s+")[1] : "";
      return new Answer.Failure(2812, 62, 16, "Could not find stored procedure '" + name + "'.");
    }
    return syntaxError(SqlText.firstWord(statement));
  }

  private static Answer syntaxError(String near) {
    return new Answer.Failure(102, 1, 15, "Incorrect syntax near '" + near + "'.");
  }

  private static Answer fromObject(Matcher select, SessionFacts facts) {
    String object = select.group(2).replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    String where = select.group(3);
    boolean mine = true;
    if (where != null) {
      Matcher m = SESSION_FILTER.matcher(where.trim());
      if (!m.matches()) {
        return syntaxError(SqlText.firstWord(where));
      }
      mine = m.group(1).equalsIgnoreCase("@@spid") || Integer.parseInt(m.group(1)) == facts.spid();
    }
    Map<String, Column> view;
    switch (object) {
      case "sys.dm_exec_connections":
      case "master.sys.dm_exec_connections":
        view = connectionColumns();
        break;
      case "tdstls.negotiation":
        if (where != null) {
          return syntaxError("WHERE");
        }
        return negotiation(facts);
      default:
        return new Answer.Failure(208, 1, 16, "Invalid object name '" + select.group(2) + "'.");
    }
    List<ResultColumn> columns = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    for (String item : SqlText.splitList(select.group(1))) {
      String name = item.trim().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
      if (name.equals("*")) {
        for (Map.Entry<String, Column> c : view.entrySet()) {
          columns.add(new ResultColumn(c.getKey(), c.getValue().type));
          row.add(c.getValue().value.apply(facts));
        }
        continue;
      }
      Column c = view.get(name);
      if (c == null) {
        return new Answer.Failure(207, 1, 16, "Invalid column name '" + item.trim() + "'.");
      }
      columns.add(new ResultColumn(name, c.type));
      row.add(c.value.apply(facts));
    }
    return new Answer.Rows(columns, mine ? List.of(row) : List.of());
  }

  /** A column of a system view: its type and how its value is read from the session. */
  private record Column(TypeInfo type, Function<SessionFacts, Object> value) {}

  private static Map<String, Column> connectionColumns() {
    Map<String, Column> c = new LinkedHashMap<>();
    c.put("session_id", new Column(INT, f -> f.spid()));
    c.put("net_transport", new Column(NVARCHAR_40, f -> "TCP"));
    c.put("protocol_type", new Column(NVARCHAR_40, f -> "TSQL"));
    // SQL Server reports strict (TDS 8.0) sessions as 7.4 in this view.
    c.put("protocol_version", new Column(INT, f -> TdsVersion.V7_4.code()));
    c.put("encrypt_option", new Column(NVARCHAR_40, f -> f.security().outcome().encryptsSession() ? "TRUE" : "FALSE"));
    c.put("auth_scheme", new Column(NVARCHAR_40, f -> f.auth().authScheme()));
    c.put("net_packet_size", new Column(INT, f -> f.packetSize()));
    c.put("client_net_address", new Column(NVARCHAR_40, f -> f.client().getAddress().getHostAddress()));
    c.put("client_tcp_port", new Column(INT, f -> f.client().getPort()));
    c.put("local_net_address", new Column(NVARCHAR_40, f -> f.local().getAddress().getHostAddress()));
    c.put("local_tcp_port", new Column(INT, f -> f.local().getPort()));
    return c;
  }

  private static Answer negotiation(SessionFacts f) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, String> e : NegotiationView.of(f).entrySet()) {
      rows.add(List.of(e.getKey(), e.getValue()));
    }
    return new Answer.Rows(List.of(new ResultColumn("name", NVARCHAR_128), new ResultColumn("value", NVARCHAR_4000)), rows);
  }

  private static Answer literals(String list, SessionFacts facts) {
    List<ResultColumn> columns = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    for (String item : SqlText.splitList(list)) {
      String expr = item.trim();
      String alias = "";
      Matcher eq = ALIAS_EQ.matcher(expr);
      Matcher as = ALIAS_AS.matcher(expr);
      if (eq.matches() && !expr.startsWith("'") && !expr.startsWith("N'")) {
        alias = eq.group(1);
        expr = eq.group(2).trim();
      } else if (as.matches() && literal(as.group(1).trim(), facts) != null) {
        alias = as.group(2);
        expr = as.group(1).trim();
      }
      Object[] value = literal(expr, facts);
      if (value == null) {
        return syntaxError(SqlText.firstWord(expr));
      }
      columns.add(new ResultColumn(alias, (TypeInfo) value[0]));
      row.add(value[1]);
    }
    return new Answer.Rows(columns, List.of(row));
  }

  /** Returns {type, value} for a literal or a session function, or null if not understood. */
  private static Object[] literal(String expr, SessionFacts f) {
    String e = expr.trim();
    String lower = e.toLowerCase(Locale.ROOT);
    if (e.matches("-?\\d{1,18}")) {
      long v = Long.parseLong(e);
      return v == (int) v ? new Object[] {INT, (int) v} : new Object[] {TypeInfo.of(TdsType.INTN, 8), v};
    }
    if (e.matches("-?\\d{1,20}\\.\\d{1,17}")) {
      BigDecimal d = new BigDecimal(e);
      int precision = Math.max(d.precision(), d.scale() + 1);
      return new Object[] {TypeInfo.decimal(TdsType.NUMERICN, precision, d.scale()), d};
    }
    if (e.matches("(?s)N'.*'")) {
      String s = SqlText.unquote(e.substring(1));
      return s == null ? null : new Object[] {TypeInfo.text(TdsType.NVARCHAR, Math.max(2, s.length() * 2),
          Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), s};
    }
    if (e.matches("(?s)'.*'")) {
      String s = SqlText.unquote(e);
      return s == null ? null : new Object[] {TypeInfo.text(TdsType.BIGVARCHR, Math.max(1, s.length()),
          Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), s};
    }
    switch (lower) {
      case "null":
        return new Object[] {INT, null};
      case "@@version":
        return new Object[] {NVARCHAR_4000, VERSION_TEXT};
      case "@@spid":
        return new Object[] {TypeInfo.of(TdsType.INTN, 2), (short) f.spid()};
      case "@@servername":
        return new Object[] {NVARCHAR_128, f.serverName()};
      case "@@language":
        return new Object[] {NVARCHAR_128, "us_english"};
      case "db_name()":
        return new Object[] {NVARCHAR_128, f.database()};
      case "suser_name()":
      case "suser_sname()":
      case "system_user":
      case "current_user":
      case "user_name()":
        return new Object[] {NVARCHAR_128, f.login().userName()};
      case "app_name()":
        return new Object[] {NVARCHAR_128, f.login().appName()};
      case "host_name()":
        return new Object[] {NVARCHAR_128, f.login().hostName()};
      default:
        return null;
    }
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
