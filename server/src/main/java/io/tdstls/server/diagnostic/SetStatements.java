package io.tdstls.server.diagnostic;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code SET} statements drivers send, applied to the session so that {@code @@OPTIONS},
 * {@code @@TEXTSIZE}, {@code @@DATEFIRST}, {@code @@LOCK_TIMEOUT}, {@code @@LANGUAGE} and
 * {@code SESSIONPROPERTY} reflect them: the ON/OFF options (several may share one statement, as in
 * {@code SET ANSI_NULLS, QUOTED_IDENTIFIER ON}), {@code ANSI_DEFAULTS}, {@code TEXTSIZE},
 * {@code DATEFIRST}, {@code DATEFORMAT}, {@code LANGUAGE}, {@code LOCK_TIMEOUT} and
 * {@code TRANSACTION ISOLATION LEVEL}. Options that change nothing here (statistics, plans,
 * {@code ROWCOUNT}, {@code DEADLOCK_PRIORITY}...) are accepted; an unknown one gets error 195.
 */
final class SetStatements {

  private static final Pattern ON_OFF = Pattern.compile("(?i)^set\\s+([\\w\\s,]+?)\\s+(on|off)$");
  private static final Pattern VALUE = Pattern.compile("(?i)^set\\s+(\\w+)\\s+(.+)$");
  private static final Pattern ISOLATION = Pattern.compile("(?i)^set\\s+transaction\\s+isolation\\s+level\\s+(.+)$");
  private static final List<String> LEVELS = List.of("read uncommitted", "read committed", "repeatable read",
      "serializable", "snapshot");
  /** Options accepted without effect on what this endpoint reports. */
  private static final Set<String> ACCEPTED = Set.of("fmtonly", "forceplan", "nocount", "noexec", "parseonly",
      "showplan_all", "showplan_text", "showplan_xml", "statistics", "no_browsetable", "rowcount", "deadlock_priority",
      "query_governor_cost_limit", "context_info", "remote_proc_transactions", "concat_null_yields_null",
      "identity_insert", "offsets", "xact_abort", "cursor_close_on_commit", "implicit_transactions",
      "ansi_null_dflt_on", "ansi_null_dflt_off", "numeric_roundabort", "arithignore");

  private SetStatements() {}

  static boolean isSet(String statement) {
    return statement.regionMatches(true, 0, "set", 0, 3) && statement.length() > 3
        && Character.isWhitespace(statement.charAt(3));
  }

  static Answer apply(String statement, SessionState state) {
    Matcher isolation = ISOLATION.matcher(statement);
    if (isolation.matches()) {
      int level = LEVELS.indexOf(isolation.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
      if (level < 0) {
        return syntax(isolation.group(1).trim());
      }
      state.isolationLevel(level + 1);
      return new Answer.Done();
    }
    Matcher onOff = ON_OFF.matcher(statement);
    if (onOff.matches()) {
      boolean on = onOff.group(2).equalsIgnoreCase("on");
      for (String name : onOff.group(1).split("\\s*,\\s*")) {
        String option = name.trim();
        if (option.equalsIgnoreCase("ansi_defaults")) {
          state.set(SessionOption.ANSI_DEFAULTS, on);
          continue;
        }
        SessionOption o = SessionOption.named(option);
        if (o != null) {
          state.set(o.bit, on);
        } else if (!ACCEPTED.contains(option.toLowerCase(Locale.ROOT).split("\\s+")[0])) {
          return unknown(option);
        }
      }
      return new Answer.Done();
    }
    Matcher value = VALUE.matcher(statement);
    if (!value.matches()) {
      return syntax(statement.substring(3).trim());
    }
    String option = value.group(1).toLowerCase(Locale.ROOT);
    String v = value.group(2).trim();
    try {
      switch (option) {
        case "textsize": {
          int size = Integer.parseInt(v);
          state.textSize(size <= 0 ? 4096 : size);
          return new Answer.Done();
        }
        case "datefirst": {
          int day = Integer.parseInt(v);
          if (day < 1 || day > 7) {
            return new Answer.Failure(1005, 1, 15, "Line 1: Invalid SET DATEFIRST value " + v + "; it must be 1 to 7.");
          }
          state.dateFirst(day);
          return new Answer.Done();
        }
        case "lock_timeout":
          state.lockTimeout(Integer.parseInt(v));
          return new Answer.Done();
        case "dateformat":
          state.dateFormat(unquoted(v).toLowerCase(Locale.ROOT));
          return new Answer.Done();
        case "language":
          state.language(unquoted(v));
          return new Answer.Done();
        default:
          return ACCEPTED.contains(option) ? new Answer.Done() : unknown(value.group(1));
      }
    } catch (NumberFormatException e) {
      return syntax(v);
    }
  }

  private static String unquoted(String v) {
    String t = v.trim();
    if (t.startsWith("N'")) {
      t = t.substring(1);
    }
    return t.startsWith("'") && t.endsWith("'") && t.length() >= 2 ? t.substring(1, t.length() - 1)
        : t.replace("[", "").replace("]", "");
  }

  private static Answer unknown(String option) {
    return new Answer.Failure(195, 1, 15, "'" + option.toUpperCase(Locale.ROOT) + "' is not a recognized SET option.");
  }

  private static Answer syntax(String near) {
    return new Answer.Failure(102, 1, 15, "Incorrect syntax near '" + SqlText.firstWord(near) + "'.");
  }
}
