package io.tdstls.server.diagnostic;

import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalar expressions of the diagnostic endpoint: literals ({@code 1}, {@code 2.50},
 * {@code N'x'}, {@code 'it''s'}, {@code NULL}), bound parameters ({@code @P0}), the functions of
 * {@link SessionFunctions}, {@code CAST(x AS type)} and {@code CONVERT(type, x)}. No arithmetic:
 * these are the expressions drivers and tools send while connecting.
 */
final class Expressions {

  private static final Pattern CALL = Pattern.compile("(?s)^([A-Za-z_][\\w]*)\\s*\\((.*)\\)$");
  private static final Pattern CAST = Pattern.compile("(?is)^(.+)\\s+as\\s+([a-z_]+(?:\\s*\\(\\s*(?:\\d+|max)\\s*(?:,\\s*\\d+\\s*)?\\))?)$");
  private static final Pattern TYPE = Pattern.compile("(?i)^([a-z_]+)\\s*(?:\\(\\s*(\\d+|max)\\s*(?:,\\s*(\\d+)\\s*)?\\))?$");

  private Expressions() {}

  /** The expression's value, or null if it is not understood. */
  static SqlValue evaluate(String expression, Scope scope) {
    String e = expression.trim();
    String lower = e.toLowerCase(Locale.ROOT);
    if (e.matches("-?\\d{1,18}")) {
      long v = Long.parseLong(e);
      return v == (int) v ? SqlValue.integer((int) v) : SqlValue.bigint(v);
    }
    if (e.matches("-?\\d{1,20}\\.\\d{1,17}")) {
      BigDecimal d = new BigDecimal(e);
      int precision = Math.max(d.precision(), d.scale() + 1);
      return new SqlValue(TypeInfo.decimal(TdsType.NUMERICN, precision, d.scale()), d);
    }
    if (e.matches("(?s)[Nn]'.*'")) {
      String s = SqlText.unquote(e.substring(1));
      return s == null ? null : new SqlValue(SqlValue.nvarcharType(Math.max(1, s.length())), s);
    }
    if (e.matches("(?s)'.*'")) {
      String s = SqlText.unquote(e);
      return s == null ? null : new SqlValue(TypeInfo.text(TdsType.BIGVARCHR, Math.max(1, s.length()),
          Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), s);
    }
    if (lower.equals("null")) {
      return SqlValue.integer(null);
    }
    if (e.startsWith("(") && e.endsWith(")") && SqlText.splitList(e.substring(1, e.length() - 1)).size() == 1) {
      return evaluate(e.substring(1, e.length() - 1), scope);
    }
    if (lower.startsWith("@@")) {
      return SessionFunctions.niladic(lower, scope);
    }
    if (lower.startsWith("@")) {
      return scope.parameter(lower);
    }
    Matcher call = CALL.matcher(e);
    if (call.matches()) {
      return call(call.group(1).toLowerCase(Locale.ROOT), call.group(2), scope);
    }
    return SessionFunctions.niladic(lower, scope);
  }

  private static SqlValue call(String name, String arguments, Scope scope) {
    if (name.equals("cast")) {
      Matcher m = CAST.matcher(arguments.trim());
      if (!m.matches()) {
        return null;
      }
      SqlValue v = evaluate(m.group(1), scope);
      return v == null ? null : convert(v, m.group(2));
    }
    List<SqlValue> args = new ArrayList<>();
    List<String> parts = arguments.isBlank() ? List.of() : SqlText.splitList(arguments);
    if (name.equals("convert")) {
      if (parts.size() < 2) {
        return null;
      }
      SqlValue v = evaluate(parts.get(1), scope);
      return v == null ? null : convert(v, parts.get(0));
    }
    for (String part : parts) {
      SqlValue v = evaluate(part, scope);
      if (v == null) {
        return null;
      }
      args.add(v);
    }
    return SessionFunctions.call(name, args, scope);
  }

  /** {@code CAST(v AS type)} for the types connect-time queries use; null for other types. */
  static SqlValue convert(SqlValue v, String type) {
    Matcher t = TYPE.matcher(type.trim());
    if (!t.matches()) {
      return null;
    }
    String base = t.group(1).toLowerCase(Locale.ROOT);
    String length = t.group(2);
    String text = v.asText();
    if (text != null && length != null && length.matches("\\d+") && text.length() > Integer.parseInt(length)) {
      text = text.substring(0, Integer.parseInt(length)); // CAST truncates strings, as in SQL Server
    }
    try {
      switch (base) {
        case "int":
          return SqlValue.integer(text == null ? null : (int) Double.parseDouble(text));
        case "bigint":
          return new SqlValue(SqlValue.BIGINT, text == null ? null : (long) Double.parseDouble(text));
        case "smallint":
          return new SqlValue(SqlValue.SMALLINT, text == null ? null : (short) Double.parseDouble(text));
        case "tinyint":
          return new SqlValue(SqlValue.TINYINT, text == null ? null : (short) Double.parseDouble(text));
        case "bit":
          return new SqlValue(SqlValue.BIT, text == null ? null : !text.equals("0") && !text.equalsIgnoreCase("false"));
        case "sysname":
          return SqlValue.sysname(text);
        case "nvarchar":
        case "nchar":
          return new SqlValue(length == null ? SqlValue.nvarcharType(30) : length.equalsIgnoreCase("max")
              ? TypeInfo.text(TdsType.NVARCHAR, TypeInfo.MAX, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS)
              : SqlValue.nvarcharType(Integer.parseInt(length)), text);
        case "varchar":
        case "char":
          return new SqlValue(TypeInfo.text(TdsType.BIGVARCHR, length == null ? 30 : length.equalsIgnoreCase("max")
              ? TypeInfo.MAX : Integer.parseInt(length), Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), text);
        case "sql_variant":
          return v;
        default:
          return null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
