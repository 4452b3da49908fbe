package io.tdstls.server.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.batch.RpcParameter;
import io.tdstls.protocol.batch.RpcRequest;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.batch.TransactionManagerRequest;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.ColMetadata;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.ReturnStatus;
import io.tdstls.protocol.token.Row;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import io.tdstls.protocol.token.TokenType;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.SessionHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole requests through the handler: RPCs, transaction manager requests, resets and attentions, as token streams. */
class RequestAnswersTest {

  private static final TypeInfo INT = TypeInfo.of(TdsType.INTN, 4);
  private static final TypeInfo NVARCHAR = TypeInfo.text(TdsType.NVARCHAR, 8000, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);

  private SessionHandler handler;
  private ConnectionInfo connection;
  private TokenDecoder decoder;

  @BeforeEach
  void logIn() throws Exception {
    SessionFacts f = DiagnosticSqlTest.facts(Outcome.FULL);
    connection = new ConnectionInfo(f.spid(), f.client(), f.local(), f.security());
    handler = DiagnosticSessionHandler.factory(Authenticator.users(Map.of("app", "pw")), StrictPolicy.ALLOWED, "diag").get();
    assertThat(handler.login(new TdsMessage(PacketType.LOGIN7, f.login().encode()), connection).accepted()).isTrue();
    decoder = new TokenDecoder(TdsVersion.V7_4);
  }

  private List<Token> send(PacketType type, int status, byte[] payload) throws Exception {
    List<TdsMessage> out = handler.request(new TdsMessage(type, status, payload), connection);
    assertThat(out).hasSize(1);
    return decoder.decode(out.get(0).payload());
  }

  private List<Token> rpc(int procId, RpcParameter... params) throws Exception {
    return send(PacketType.RPC, 0, new RpcRequest("", procId, 0, Arrays.asList(params)).encode(TdsVersion.V7_4));
  }

  private List<Token> tm(TransactionManagerRequest r) throws Exception {
    return send(PacketType.TRANSACTION_MANAGER, 0, r.encode(0));
  }

  private Object scalar(String sql) throws Exception {
    List<Token> t = send(PacketType.SQL_BATCH, 0, SqlBatch.encode(sql, TdsVersion.V7_4, 0, 1));
    return t.stream().filter(x -> x instanceof Row).map(x -> ((Row) x).values().get(0)).findFirst().orElseThrow();
  }

  private static <T extends Token> List<T> of(List<Token> tokens, Class<T> type) {
    return tokens.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static RpcParameter in(String name, TypeInfo type, Object value) {
    return new RpcParameter(name, 0, type, value);
  }

  private static RpcParameter handleOut() {
    return new RpcParameter("", 1, INT, null);
  }

  @Test
  void spPrepexecBindsTypedParametersAndReturnsAHandleThatSpExecuteReuses() throws Exception {
    List<Token> t = rpc(13, handleOut(), in("", NVARCHAR, "@P0 int, @P1 nvarchar(4000)"),
        in("", NVARCHAR, "SELECT @P0 AS n, @P1 AS s"), in("", INT, 42), in("", NVARCHAR, "tds-tls"));
    ColMetadata meta = of(t, ColMetadata.class).get(0);
    assertThat(meta.columns().get(0).typeInfo()).isEqualTo(INT);
    assertThat(meta.columns().get(1).name()).isEqualTo("s");
    assertThat(of(t, Row.class).get(0).values()).containsExactly(42, "tds-tls");
    assertThat(t.stream().map(Token::type)).containsSubsequence(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONEINPROC,
        TokenType.RETURNSTATUS, TokenType.RETURNVALUE, TokenType.DONEPROC);
    assertThat(of(t, ReturnStatus.class).get(0).value()).isZero();

    List<Token> again = rpc(12, in("", INT, 1), in("", INT, 7), in("", NVARCHAR, "again"));
    assertThat(of(again, Row.class).get(0).values()).containsExactly(7, "again");
    assertThat(of(rpc(15, in("", INT, 1)), ServerMessage.class)).isEmpty();
    assertThat(of(rpc(12, in("", INT, 1)), ServerMessage.class)).singleElement()
        .satisfies(m -> assertThat(m.number()).isEqualTo(8179));
  }

  @Test
  void spPrepareAnswersOnlyTheHandleAndSpExecutesqlByNameBindsByName() throws Exception {
    List<Token> t = rpc(11, handleOut(), in("", NVARCHAR, "@a int"), in("", NVARCHAR, "SELECT @a"));
    assertThat(t.stream().map(Token::type)).containsExactly(TokenType.RETURNSTATUS, TokenType.RETURNVALUE, TokenType.DONEPROC);
    List<Token> named = send(PacketType.RPC, 0, new RpcRequest("sp_executesql", 0, 0, List.of(
        in("@stmt", NVARCHAR, "SELECT @who"), in("@params", NVARCHAR, "@who nvarchar(10)"),
        in("@who", NVARCHAR, "me"))).encode(TdsVersion.V7_4));
    assertThat(of(named, Row.class).get(0).values()).containsExactly("me");
  }

  @Test
  void unknownProceduresGet2812AndTheConnectionStaysUsable() throws Exception {
    List<Token> t = send(PacketType.RPC, 0, new RpcRequest("sp_who2", 0, 0, List.of()).encode(TdsVersion.V7_4));
    assertThat(of(t, ServerMessage.class).get(0).number()).isEqualTo(2812);
    assertThat(of(t, Done.class).get(0).has(DoneStatus.ERROR)).isTrue();
    assertThat(scalar("SELECT 1")).isEqualTo(1);
  }

  @Test
  void transactionManagerRequestsBeginCommitAndRollBackWithDescriptors() throws Exception {
    List<EnvChange> begin = of(tm(TransactionManagerRequest.begin(2, "")), EnvChange.class);
    assertThat(begin).singleElement().satisfies(e -> assertThat(e.typeCode()).isEqualTo(EnvChangeType.BEGIN_TRANSACTION.code()));
    byte[] descriptor = ((EnvChange.Binary) begin.get(0)).newValue();
    assertThat(scalar("SELECT @@TRANCOUNT")).isEqualTo(1);

    List<EnvChange> commitAndBegin = of(tm(TransactionManagerRequest.end(TransactionManagerRequest.Kind.COMMIT, "", true)),
        EnvChange.class);
    assertThat(commitAndBegin).extracting(EnvChange::typeCode)
        .containsExactly(EnvChangeType.COMMIT_TRANSACTION.code(), EnvChangeType.BEGIN_TRANSACTION.code());
    assertThat(((EnvChange.Binary) commitAndBegin.get(0)).oldValue()).isEqualTo(descriptor);
    assertThat(((EnvChange.Binary) commitAndBegin.get(1)).newValue()).isNotEqualTo(descriptor);
    assertThat(scalar("SELECT @@TRANCOUNT")).isEqualTo(1);

    assertThat(of(tm(new TransactionManagerRequest(TransactionManagerRequest.Kind.SAVE, "sp", 0, false, 0, "", 0)),
        ServerMessage.class)).isEmpty();
    assertThat(of(tm(TransactionManagerRequest.end(TransactionManagerRequest.Kind.ROLLBACK, "", false)), EnvChange.class))
        .extracting(EnvChange::typeCode).containsExactly(EnvChangeType.ROLLBACK_TRANSACTION.code());
    assertThat(scalar("SELECT @@TRANCOUNT")).isEqualTo(0);
    assertThat(of(tm(TransactionManagerRequest.end(TransactionManagerRequest.Kind.COMMIT, "", false)), ServerMessage.class))
        .singleElement().satisfies(m -> assertThat(m.number()).isEqualTo(3902));
  }

  @Test
  void dtcRequestsAreAnsweredWithoutADtc() throws Exception {
    List<Token> address = tm(new TransactionManagerRequest(TransactionManagerRequest.Kind.GET_DTC_ADDRESS, "", 0, false, 0, "", 0));
    assertThat(of(address, Row.class)).hasSize(1);
    List<Token> promote = tm(new TransactionManagerRequest(TransactionManagerRequest.Kind.PROMOTE, "", 0, false, 0, "", 0));
    assertThat(of(promote, ServerMessage.class).get(0).number()).isEqualTo(8501);
  }

  @Test
  void resetConnectionStatusBitResetsTheSessionAndIsAcknowledgedFirst() throws Exception {
    send(PacketType.SQL_BATCH, 0, SqlBatch.encode("SET TEXTSIZE 10", TdsVersion.V7_4, 0, 1));
    tm(TransactionManagerRequest.begin(0, ""));
    List<Token> t = send(PacketType.SQL_BATCH, PacketStatus.RESET_CONNECTION.bit(),
        SqlBatch.encode("SELECT @@TEXTSIZE, @@TRANCOUNT", TdsVersion.V7_4, 0, 1));
    assertThat(t.get(0)).isInstanceOfSatisfying(EnvChange.Binary.class,
        e -> assertThat(e.changeType()).isEqualTo(EnvChangeType.RESET_CONNECTION));
    assertThat(of(t, Row.class).get(0).values()).containsExactly(4096, 0);
  }

  @Test
  void resetSkipTranKeepsTheTransaction() throws Exception {
    tm(TransactionManagerRequest.begin(0, ""));
    List<Token> t = send(PacketType.SQL_BATCH, PacketStatus.RESET_CONNECTION_SKIP_TRAN.bit(),
        SqlBatch.encode("SELECT @@TRANCOUNT", TdsVersion.V7_4, 0, 1));
    assertThat(of(t, Row.class).get(0).values()).containsExactly(1);
  }

  @Test
  void attentionIsAnsweredWithTheAttentionBit() throws Exception {
    List<Token> t = send(PacketType.ATTENTION, 0, new byte[0]);
    assertThat(of(t, Done.class)).singleElement().satisfies(d -> assertThat(d.has(DoneStatus.ATTENTION)).isTrue());
  }

  @Test
  void noCountOnLeavesTheRowCountUnmarked() throws Exception {
    List<Token> counted = send(PacketType.SQL_BATCH, 0, SqlBatch.encode("SELECT 1", TdsVersion.V7_4, 0, 1));
    assertThat(of(counted, Done.class).get(0).has(DoneStatus.COUNT)).isTrue();
    List<Token> quiet = send(PacketType.SQL_BATCH, 0, SqlBatch.encode("SET NOCOUNT ON\nSELECT 1", TdsVersion.V7_4, 0, 1));
    assertThat(of(quiet, Done.class).get(1).has(DoneStatus.COUNT)).isFalse();
  }

  @Test
  void anRpcThisEndpointCannotDecodeGetsAnErrorAndTheSessionGoesOn() throws Exception {
    byte[] call = new RpcRequest("", 10, 0, List.of(in("", NVARCHAR, "SELECT 1"))).encode(TdsVersion.V7_4);
    byte[] truncated = Arrays.copyOf(call, call.length - 3);
    List<Token> t = send(PacketType.RPC, 0, truncated);
    assertThat(of(t, ServerMessage.class)).singleElement().satisfies(m -> assertThat(m.number()).isEqualTo(8009));
    assertThat(scalar("SELECT 2")).isEqualTo(2);
  }
}
