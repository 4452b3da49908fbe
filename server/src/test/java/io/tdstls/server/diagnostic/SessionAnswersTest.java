package io.tdstls.server.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.types.TdsType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements answered from the live session state: what SET, USE and transactions change is what later answers report. */
class SessionAnswersTest {

  private final SessionFacts facts = DiagnosticSqlTest.facts(Outcome.FULL);

  private List<Answer> run(String sql) {
    return DiagnosticSql.answer(sql, facts);
  }

  private Object value(String sql) {
    List<Answer> answers = run(sql);
    assertThat(answers.get(answers.size() - 1)).isInstanceOf(Answer.Rows.class);
    return ((Answer.Rows) answers.get(answers.size() - 1)).rows().get(0).get(0);
  }

  private TdsType type(String sql) {
    return ((Answer.Rows) run(sql).get(0)).columns().get(0).type().type();
  }

  @Test
  void jtdsConnectBatchIsAnsweredWithTinyintMaxPrecisionAndItsSetsAreRemembered() {
    List<Answer> answers = run("SELECT @@MAX_PRECISION\r\nSET TRANSACTION ISOLATION LEVEL READ COMMITTED\r\n"
        + "SET IMPLICIT_TRANSACTIONS OFF\r\nSET QUOTED_IDENTIFIER ON\r\nSET TEXTSIZE 2147483647");
    assertThat(answers).hasSize(5);
    assertThat(((Answer.Rows) answers.get(0)).rows()).containsExactly(List.of((short) 38));
    assertThat(((Answer.Rows) answers.get(0)).columns().get(0).type().maxLength()).isEqualTo(1);
    assertThat(answers.subList(1, 5)).allMatch(a -> a instanceof Answer.Done);
    assertThat(value("SELECT @@TEXTSIZE")).isEqualTo(Integer.MAX_VALUE);
    assertThat(value("SELECT SESSIONPROPERTY('QUOTED_IDENTIFIER')")).isEqualTo(1);
  }

  @Test
  void optionsFollowSetStatements() {
    assertThat(value("SELECT @@OPTIONS")).isEqualTo(0);
    run("SET ANSI_NULLS, QUOTED_IDENTIFIER ON");
    assertThat(value("SELECT @@OPTIONS")).isEqualTo(32 | 256);
    run("SET NOCOUNT ON\nSET ANSI_NULLS OFF");
    assertThat(value("SELECT @@OPTIONS")).isEqualTo(256 | 512);
    assertThat(value("SELECT SESSIONPROPERTY('ANSI_NULLS')")).isEqualTo(0);
    run("SET ANSI_DEFAULTS ON");
    assertThat((Integer) value("SELECT @@OPTIONS") & SessionOption.ANSI_DEFAULTS).isEqualTo(SessionOption.ANSI_DEFAULTS);
    run("SET DATEFIRST 1\nSET LOCK_TIMEOUT 5000\nSET LANGUAGE us_english\nSET TEXTSIZE 1024");
    assertThat(value("SELECT @@DATEFIRST")).isEqualTo((short) 1);
    assertThat(value("SELECT @@LOCK_TIMEOUT")).isEqualTo(5000);
    assertThat(value("SELECT @@TEXTSIZE")).isEqualTo(1024);
    assertThat(value("SELECT SESSIONPROPERTY('no such thing')")).isNull();
  }

  @Test
  void unknownSetOptionsAndFunctionsGetSqlServersErrors() {
    assertThat(run("SET FROBNICATE ON").get(0)).isEqualTo(
        new Answer.Failure(195, 1, 15, "'FROBNICATE' is not a recognized SET option."));
    assertThat(run("SET DATEFIRST 9").get(0)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.number()).isEqualTo(1005));
    assertThat(run("SELECT FROBNICATE(1)").get(0)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.number()).isEqualTo(195));
    assertThat(run("SELECT @@NO_SUCH").get(0)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.number()).isEqualTo(137));
    assertThat(run("SELECT @undeclared").get(0)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.message()).contains("@undeclared"));
  }

  @Test
  void theAtAtFunctionsAreTyped() {
    assertThat(value("SELECT @@MICROSOFTVERSION")).isEqualTo(SessionFunctions.MICROSOFT_VERSION);
    assertThat((Integer) value("SELECT @@MICROSOFTVERSION") >>> 24).isEqualTo(16);
    assertThat(value("SELECT @@SERVICENAME")).isEqualTo("MSSQLSERVER");
    assertThat(value("SELECT @@LANGUAGE")).isEqualTo("us_english");
    assertThat(value("SELECT @@SERVERNAME")).isEqualTo("diag");
    assertThat(type("SELECT @@SPID")).isEqualTo(TdsType.INTN);
    for (String f : List.of("@@CONNECTIONS", "@@CPU_BUSY", "@@ERROR", "@@ROWCOUNT", "@@NESTLEVEL", "@@PACK_SENT",
        "@@MAX_CONNECTIONS", "@@TIMETICKS", "@@IDENTITY", "@@DBTS", "@@LANGID", "@@FETCH_STATUS", "@@CURSOR_ROWS",
        "@@PROCID", "@@REMSERVER", "@@TOTAL_READ", "@@TOTAL_WRITE", "@@TOTAL_ERRORS", "@@IO_BUSY", "@@IDLE",
        "@@PACKET_ERRORS", "@@PACK_RECEIVED")) {
      assertThat(run("SELECT " + f).get(0)).as(f).isInstanceOf(Answer.Rows.class);
    }
  }

  @Test
  void rowCountAndErrorFollowTheLastStatement() {
    run("SELECT name FROM sys.databases");
    assertThat(value("SELECT @@ROWCOUNT")).isEqualTo(Databases.names(facts.state()).size());
    run("SELECT * FROM nowhere");
    assertThat(value("SELECT @@ERROR")).isEqualTo(208);
  }

  @Test
  void propertyFunctionsAndTheDatabaseFunctions() {
    assertThat(value("SELECT SERVERPROPERTY('ProductVersion')")).isEqualTo("16.0.1000.6");
    assertThat(value("SELECT CAST(SERVERPROPERTY('EngineEdition') AS INT)")).isEqualTo(3);
    assertThat(value("SELECT CONVERT(nvarchar(128), SERVERPROPERTY('ProductLevel'))")).isEqualTo("RTM");
    assertThat(value("SELECT SERVERPROPERTY('NoSuchProperty')")).isNull();
    assertThat(value("SELECT DATABASEPROPERTYEX(DB_NAME(), 'Collation')")).isEqualTo("SQL_Latin1_General_CP1_CI_AS");
    assertThat(value("SELECT DATABASEPROPERTYEX('nowhere', 'Status')")).isNull();
    assertThat(value("SELECT DATABASEPROPERTYEX('master', 'Updateability')")).isEqualTo("READ_WRITE");
    assertThat(value("SELECT SCHEMA_NAME()")).isEqualTo("dbo");
    assertThat(value("SELECT SUSER_SNAME()")).isEqualTo("app");
    assertThat(value("SELECT DB_NAME(1)")).isEqualTo("master");
    assertThat(value("SELECT DB_ID()")).isEqualTo((short) 5);
    assertThat(value("SELECT CONNECTIONPROPERTY('protocol_type')")).isEqualTo("TSQL");
  }

  @Test
  void useChangesWhatDbNameAndTheViewsReport() {
    Answer use = run("USE master").get(0);
    new AnswerTokens(facts.state(), "diag").append(use, true, io.tdstls.protocol.token.TokenType.DONE, new java.util.ArrayList<>());
    assertThat(value("SELECT DB_NAME()")).isEqualTo("master");
    assertThat(((Answer.Rows) run("SELECT name, compatibility_level FROM sys.databases WHERE name = DB_NAME()").get(0)).rows())
        .containsExactly(List.of("master", (short) 160));
    assertThat(((Answer.Rows) run("SELECT database_id FROM sys.dm_exec_sessions WHERE session_id = @@SPID").get(0)).rows())
        .containsExactly(List.of((short) 1));
  }

  @Test
  void configurationsAreLookedUpByName() {
    assertThat(((Answer.Rows) run("SELECT value_in_use FROM sys.configurations WHERE name = 'remote query timeout (s)'")
        .get(0)).rows()).containsExactly(List.of(600));
    assertThat(run("SELECT nope FROM sys.configurations").get(0)).isInstanceOf(Answer.Failure.class);
  }

  @Test
  void transactionsNestAndSendTheirDescriptors() {
    Answer begin = run("BEGIN TRANSACTION").get(0);
    assertThat(begin).isInstanceOfSatisfying(Answer.Changes.class, c -> {
      EnvChange.Binary b = (EnvChange.Binary) c.changes().get(0);
      assertThat(b.changeType()).isEqualTo(EnvChangeType.BEGIN_TRANSACTION);
      assertThat(b.newValue()).hasSize(8);
      assertThat(b.oldValue()).isEmpty();
    });
    assertThat(run("BEGIN TRAN").get(0)).isInstanceOf(Answer.Done.class);
    assertThat(value("SELECT @@TRANCOUNT")).isEqualTo(2);
    assertThat(run("SAVE TRANSACTION sp1").get(0)).isInstanceOf(Answer.Done.class);
    assertThat(run("ROLLBACK TRANSACTION sp1").get(0)).isInstanceOf(Answer.Done.class);
    assertThat(value("SELECT @@TRANCOUNT")).isEqualTo(2);
    assertThat(run("COMMIT").get(0)).isInstanceOf(Answer.Done.class);
    byte[] descriptor = ((EnvChange.Binary) ((Answer.Changes) begin).changes().get(0)).newValue();
    assertThat(run("COMMIT TRANSACTION").get(0)).isInstanceOfSatisfying(Answer.Changes.class, c -> {
      EnvChange.Binary b = (EnvChange.Binary) c.changes().get(0);
      assertThat(b.changeType()).isEqualTo(EnvChangeType.COMMIT_TRANSACTION);
      assertThat(b.oldValue()).isEqualTo(descriptor);
    });
    assertThat(value("SELECT @@TRANCOUNT")).isEqualTo(0);
    assertThat(run("COMMIT").get(0)).isInstanceOfSatisfying(Answer.Failure.class, f -> assertThat(f.number()).isEqualTo(3902));
    assertThat(run("ROLLBACK").get(0)).isInstanceOfSatisfying(Answer.Failure.class, f -> assertThat(f.number()).isEqualTo(3903));
    assertThat(run("SAVE TRAN x").get(0)).isInstanceOfSatisfying(Answer.Failure.class, f -> assertThat(f.number()).isEqualTo(628));
  }

  @Test
  void ifTrancountRollsBackOnlyAnOpenTransaction() {
    assertThat(run("IF @@TRANCOUNT > 0 ROLLBACK TRAN").get(0)).isInstanceOf(Answer.Done.class);
    run("BEGIN TRAN");
    assertThat(run("IF @@TRANCOUNT > 0 ROLLBACK TRAN").get(0)).isInstanceOf(Answer.Changes.class);
    assertThat(value("SELECT @@TRANCOUNT, XACT_STATE()")).isEqualTo(0);
  }

  @Test
  void aResetPutsTheSessionBackAsTheLoginLeftIt() {
    run("SET TEXTSIZE 10\nSET ANSI_NULLS ON\nUSE master\nBEGIN TRAN");
    facts.state().database("master");
    facts.state().reset(false);
    assertThat(value("SELECT @@TEXTSIZE")).isEqualTo(4096);
    assertThat(value("SELECT @@OPTIONS")).isEqualTo(0);
    assertThat(value("SELECT DB_NAME()")).isEqualTo("sales");
    assertThat(value("SELECT @@TRANCOUNT")).isEqualTo(0);
  }

  @Test
  void frequentConnectTimeMetadataQueries() {
    assertThat(value("SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()")).isEqualTo(false);
    assertThat(value("SELECT TOP 1 name FROM master.dbo.sysdatabases")).isEqualTo("master");
    assertThat(value("SELECT CONVERT(INT, SERVERPROPERTY('EngineEdition'))")).isEqualTo(3);
    assertThat(value("SELECT CAST(SERVERPROPERTY('Edition') AS nvarchar(9))")).isEqualTo("Developer");
    assertThat(value("SELECT collation_name FROM sys.databases WHERE name = N'master'")).isEqualTo("SQL_Latin1_General_CP1_CI_AS");
    assertThat(value("SELECT transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID")).isEqualTo((short) 2);
    assertThat(run("sp_datatype_info_100 12, 3").get(0)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.number()).isEqualTo(2812));
  }
}
