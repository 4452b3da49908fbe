package io.tdstls.server.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The diagnostic endpoint's answers, statement by statement. */
class DiagnosticSqlTest {

  static SessionFacts facts(Outcome outcome) {
    TlsInfo tls = outcome == Outcome.NONE ? null : new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", "tds/8.0", "db", List.of());
    NegotiatedSecurity security = new NegotiatedSecurity(outcome,
        PreLogin.of(new Version(9, 0, 0, 0)).withEncryption(EncryptionValue.ON), PreLogin.of(new Version(16, 0, 1000, 6)), tls);
    Login7 login = Login7.builder().tdsVersion(TdsVersion.V7_4).userName("app").password("pw").appName("unit")
        .hostName("ws1").serverName("db").clientInterfaceName("test").database("sales").build();
    return new SessionFacts(57, new InetSocketAddress("127.0.0.1", 50000), new InetSocketAddress("127.0.0.1", 1433),
        security, login, "diag", new SessionState(login, "sales", 4096));
  }

  static Answer one(String sql, Outcome outcome) {
    List<Answer> answers = DiagnosticSql.answer(sql, facts(outcome));
    assertThat(answers).hasSize(1);
    return answers.get(0);
  }

  static List<List<Object>> rows(String sql, Outcome outcome) {
    Answer a = one(sql, outcome);
    assertThat(a).isInstanceOf(Answer.Rows.class);
    return ((Answer.Rows) a).rows();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Outcome.class)
  void seed001VerificationQueryReportsFullyEncryptedSessionsAsTrue(Outcome outcome) {
    List<List<Object>> r = rows("SELECT encrypt_option, protocol_type, auth_scheme FROM sys.dm_exec_connections"
        + " WHERE session_id = @@SPID", outcome);
    assertThat(r).containsExactly(List.of(outcome.encryptsSession() ? "TRUE" : "FALSE", "TSQL", "SQL"));
  }

  @Test
  void theSetBatchTediousSendsAtConnectIsOneDone() {
    String tedious = "set textsize 2147483647\nset quoted_identifier on\nset arithabort off\nset numeric_roundabort off\n"
        + "set ansi_warnings on\nset ansi_padding on\nset ansi_nulls on\nset concat_null_yields_null on\n"
        + "set cursor_close_on_commit off\nset implicit_transactions off\nset language us_english\n"
        + "set dateformat mdy\nset datefirst 7\nset transaction isolation level read committed";
    assertThat(DiagnosticSql.answer(tedious, facts(Outcome.FULL))).allMatch(a -> a instanceof Answer.Done);
  }

  @Test
  void literalsAndSessionFunctions() {
    assertThat(rows("SELECT 1, N'x' AS name, 'it''s', 2.50, NULL", Outcome.FULL))
        .containsExactly(java.util.Arrays.asList(1, "x", "it's", new java.math.BigDecimal("2.50"), null));
    assertThat(rows("SELECT @@SPID", Outcome.FULL)).containsExactly(List.of((short) 57));
    assertThat(rows("select db_name(), suser_sname(), app_name(), host_name()", Outcome.FULL))
        .containsExactly(List.of("sales", "app", "unit", "ws1"));
    assertThat(rows("SELECT @@VERSION", Outcome.FULL).get(0).get(0).toString()).startsWith("Microsoft SQL Server 2022");
  }

  @Test
  void useChangesTheDatabase() {
    assertThat(one("USE [master]", Outcome.FULL)).isEqualTo(new Answer.UseDatabase("master"));
  }

  @Test
  void theNegotiationViewNamesEverythingNegotiated() {
    List<List<Object>> r = rows("SELECT * FROM tdstls.negotiation", Outcome.STRICT);
    assertThat(r).contains(List.of("outcome", "strict"), List.of("tls_protocol", "TLSv1.3"), List.of("alpn", "tds/8.0"),
        List.of("sni", "db"), List.of("client_prelogin_encryption", "0x01 ENCRYPT_ON"),
        List.of("login_tds_version", "0x74000004 (7.4)"));
  }

  @Test
  void unknownObjectsColumnsProceduresAndSyntaxGetSqlServersErrors() {
    assertThat(one("SELECT * FROM dbo.orders", Outcome.FULL)).isEqualTo(
        new Answer.Failure(208, 1, 16, "Invalid object name 'dbo.orders'."));
    assertThat(one("SELECT nope FROM sys.dm_exec_connections", Outcome.FULL))
        .isEqualTo(new Answer.Failure(207, 1, 16, "Invalid column name 'nope'."));
    assertThat(one("EXEC sp_who", Outcome.FULL)).isEqualTo(
        new Answer.Failure(2812, 62, 16, "Could not find stored procedure 'sp_who'."));
    assertThat(one("DROP TABLE x", Outcome.FULL)).isInstanceOfSatisfying(Answer.Failure.class,
        f -> assertThat(f.number()).isEqualTo(102));
  }

  @Test
  void aFailureStopsTheBatchLikeSqlServer() {
    List<Answer> answers = DiagnosticSql.answer("SELECT 1\nSELECT * FROM nowhere\nSELECT 2", facts(Outcome.FULL));
    assertThat(answers).hasSize(2);
    assertThat(answers.get(1)).isInstanceOf(Answer.Failure.class);
  }

  @Test
  void commentsAreIgnored() {
    assertThat(rows("-- a comment\nSELECT /* inline */ 42", Outcome.FULL)).containsExactly(List.of(42));
  }
}
