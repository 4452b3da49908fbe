package io.tdstls.server.diagnostic;

import io.tdstls.error.TdsException;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.batch.RpcRequest;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.ColMetadata;
import io.tdstls.protocol.token.Column;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.FeatureExtAck;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ReturnStatus;
import io.tdstls.protocol.token.Row;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenEncoder;
import io.tdstls.protocol.token.TokenType;
import io.tdstls.protocol.types.Collation;
import io.tdstls.server.Authenticator;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.SessionHandler;
import io.tdstls.server.auth.AuthFacts;
import io.tdstls.server.auth.LoginStep;
import io.tdstls.server.auth.LoginVerifier;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The default session handler: SQL Server authentication against an {@link Authenticator}, then
 * SQL batches answered by {@link DiagnosticSql} from the live session. Makes the endpoint useful
 * on its own: any SQL Server client can log in and ask what it negotiated.
 */
public final class DiagnosticSessionHandler implements SessionHandler {

  /** The database a login lands in when it names none. */
  public static final String DEFAULT_DATABASE = "master";

  private static final System.Logger LOG = System.getLogger(DiagnosticSessionHandler.class.getName());

  private final LoginVerifier logins;
  private final StrictPolicy strictPolicy;
  private final String serverName;
  private TokenEncoder encoder = new TokenEncoder(TdsVersion.V7_4);
  private Login7 login;
  private LoginVerifier.Session loginSession;
  private AuthFacts auth;
  private String database;
  private int packetSize;

  private DiagnosticSessionHandler(LoginVerifier logins, StrictPolicy strictPolicy, String serverName) {
    this.logins = logins;
    this.strictPolicy = strictPolicy;
    this.serverName = serverName;
  }

  /**
   * Returns a factory of handlers, one per connection.
   *
   * @param authenticator checks logins
   * @param strictPolicy the server's strict policy ({@link StrictPolicy#REQUIRED} refuses TDS 7.x
   *     logins with error 17819)
   * @param serverName the name reported in tokens and {@code @@SERVERNAME}
   * @return the factory
   */
  public static Supplier<io.tdstls.server.SessionHandler> factory(
      Authenticator authenticator, StrictPolicy strictPolicy, String serverName) {
    return factory(LoginVerifier.passwords(authenticator), strictPolicy, serverName);
  }

  /**
   * Returns a factory of handlers that accept the logins a {@link LoginVerifier} allows: SQL
   * passwords, federated-authentication tokens, Kerberos.
   *
   * @param logins the login policy
   * @param strictPolicy the server's strict policy
   * @param serverName the name reported in tokens and {@code @@SERVERNAME}
   * @return the factory
   */
  public static Supplier<io.tdstls.server.SessionHandler> factory(
      LoginVerifier logins, StrictPolicy strictPolicy, String serverName) {
    return () -> new DiagnosticSessionHandler(logins, strictPolicy, serverName);
  }

  @Override
  public LoginAnswer login(TdsMessage message, ConnectionInfo connection) throws TdsException {
    Outcome outcome = connection.security().outcome();
    LoginStep step;
    if (message.type() == PacketType.LOGIN7) {
      login = Login7.decode(message.payload());
      encoder = new TokenEncoder(answeredVersion(login));
      if (strictPolicy == StrictPolicy.REQUIRED && outcome != Outcome.STRICT) {
        return refuse(17819, "Client unable to establish connection because an error was encountered during handshakes"
            + " before login. This server is configured to accept only strict (TDS 8.0 and above) connections.");
      }
      loginSession = logins.start(connection.security());
      step = loginSession.onLogin7(login);
    } else if (loginSession != null) {
      step = loginSession.onContinuation(message);
    } else {
      return refuse(18456, "Login failed for user ''.");
    }
    if (step instanceof LoginStep.Refused r) {
      LOG.log(System.Logger.Level.INFO, "conn {0}: login refused: {1}", connection.spid(), r.reason());
      return refuse(r.number(), r.message());
    }
    if (step instanceof LoginStep.Challenge c) {
      return LoginAnswer.challenge(tabular(c.tokens()));
    }
    LoginStep.Accepted accepted = (LoginStep.Accepted) step;
    auth = accepted.facts();
    TdsVersion version = answeredVersion(login);
    database = login.database().isEmpty() ? DEFAULT_DATABASE : login.database();
    int requested = login.packetSize() == 0 ? 4096 : login.packetSize();
    packetSize = Math.max(512, Math.min(requested, outcome.encryptsSession() ? 16383 : 32767));
    List<Token> tokens = new ArrayList<>(accepted.beforeAck());
    tokens.add(new EnvChange.Text(EnvChangeType.DATABASE, database, DEFAULT_DATABASE));
    tokens.add(ServerMessage.info(5701, 2, 0, "Changed database context to '" + database + "'.", serverName, "", 1));
    tokens.add(EnvChange.Binary.collation(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS));
    tokens.add(new EnvChange.Text(EnvChangeType.LANGUAGE, "us_english", ""));
    tokens.add(ServerMessage.info(5703, 1, 0, "Changed language setting to us_english.", serverName, "", 1));
    tokens.add(new LoginAck(1, version.code(), "Microsoft SQL Server", 16, 0, 1000));
    tokens.add(new EnvChange.Text(EnvChangeType.PACKET_SIZE, Integer.toString(packetSize), Integer.toString(requested)));
    if (login.hasExtension()) {
      tokens.add(new FeatureExtAck(accepted.featureAcks()));
    }
    tokens.add(Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));
    return new LoginAnswer(true, tabular(tokens), packetSize);
  }

  /**
   * The TDS version answered in LOGINACK: the client's own when it asks for 7.1 to 7.4, as SQL
   * Server does; 7.4 for a strict client (which sends 8.0) and for anything newer or unknown.
   */
  private static TdsVersion answeredVersion(Login7 login) {
    return login.tdsVersion().filter(v -> v != TdsVersion.V8_0).orElse(TdsVersion.V7_4);
  }

  private LoginAnswer refuse(int number, String message) {
    List<Token> tokens = List.of(
        ServerMessage.error(number, 1, 14, message, serverName, "", 1),
        Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ERROR), 0, 0));
    return new LoginAnswer(false, tabular(tokens), 4096);
  }

  private TdsMessage tabular(List<Token> tokens) {
    return new TdsMessage(PacketType.TABULAR_RESULT, encoder.encode(tokens));
  }

  @Override
  public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
    if (request.type() == PacketType.ATTENTION) {
      return List.of(tabular(List.of(Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ATTENTION), 0, 0))));
    }
    if (request.type() == PacketType.RPC) {
      return List.of(tabular(rpc(RpcRequest.decode(request.payload()), connection)));
    }
    if (request.type() != PacketType.SQL_BATCH) {
      return List.of(tabular(List.of(
          ServerMessage.error(40000, 1, 16, "The tds-tls diagnostic endpoint answers SQL batches and sp_executesql,"
              + " not " + request.type() + " requests.", serverName, "", 1),
          Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ERROR), 0, 0))));
    }
    List<Token> tokens = new ArrayList<>();
    List<Answer> answers = DiagnosticSql.answer(SqlBatch.decode(request.payload()), facts(connection));
    for (int i = 0; i < answers.size(); i++) {
      appendAnswer(answers.get(i), i == answers.size() - 1, TokenType.DONE, tokens);
    }
    return List.of(tabular(tokens));
  }

  /**
   * Answers {@code sp_executesql} as SQL Server does: each statement's tokens end with
   * DONEINPROC, then RETURNSTATUS and DONEPROC. Other procedures get error 2812.
   */
  private List<Token> rpc(RpcRequest call, ConnectionInfo connection) {
    List<Token> tokens = new ArrayList<>();
    if (!call.isExecuteSql() || call.parameters().isEmpty() || !(call.parameters().get(0).value() instanceof String)) {
      tokens.add(ServerMessage.error(2812, 62, 16, "Could not find stored procedure '" + call.procedure() + "'.",
          serverName, "", 1));
      tokens.add(Done.of(TokenType.DONEPROC, DoneStatus.toBits(DoneStatus.ERROR), 0, 0));
      return tokens;
    }
    List<Answer> answers = DiagnosticSql.answer((String) call.parameters().get(0).value(), facts(connection));
    for (Answer a : answers) {
      appendAnswer(a, false, TokenType.DONEINPROC, tokens);
    }
    boolean failed = answers.stream().anyMatch(a -> a instanceof Answer.Failure);
    tokens.add(new ReturnStatus(failed ? 1 : 0));
    tokens.add(Done.of(TokenType.DONEPROC, failed ? DoneStatus.ERROR.code() : 0, 0, 0));
    return tokens;
  }

  private SessionFacts facts(ConnectionInfo connection) {
    return new SessionFacts(connection.spid(), (InetSocketAddress) connection.remote(),
        (InetSocketAddress) connection.local(), connection.security(), login, database, packetSize, serverName,
        auth == null ? AuthFacts.sql(login.userName()) : auth);
  }

  private void appendAnswer(Answer answer, boolean last, TokenType done, List<Token> tokens) {
    int more = last ? 0 : DoneStatus.MORE.code();
    if (answer instanceof Answer.Rows) {
      Answer.Rows rows = (Answer.Rows) answer;
      List<Column> columns = new ArrayList<>();
      for (ResultColumn c : rows.columns()) {
        columns.add(Column.nullable(c.name(), c.type()));
      }
      tokens.add(new ColMetadata(columns));
      for (List<Object> r : rows.rows()) {
        tokens.add(new Row(TokenType.ROW, r));
      }
      tokens.add(Done.of(done, more | DoneStatus.COUNT.code(), 0xC1, rows.rows().size()));
    } else if (answer instanceof Answer.UseDatabase) {
      String db = ((Answer.UseDatabase) answer).database();
      tokens.add(new EnvChange.Text(EnvChangeType.DATABASE, db, database));
      tokens.add(ServerMessage.info(5701, 1, 0, "Changed database context to '" + db + "'.", serverName, "", 1));
      database = db;
      tokens.add(Done.of(done, more, 0, 0));
    } else if (answer instanceof Answer.Failure) {
      Answer.Failure f = (Answer.Failure) answer;
      tokens.add(ServerMessage.error(f.number(), f.state(), f.severity(), f.message(), serverName, "", 1));
      tokens.add(Done.of(done, more | DoneStatus.ERROR.code(), 0, 0));
    } else {
      tokens.add(Done.of(done, more, 0, 0));
    }
  }
}
