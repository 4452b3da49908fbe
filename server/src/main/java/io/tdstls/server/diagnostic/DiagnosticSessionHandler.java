package io.tdstls.server.diagnostic;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.batch.RpcRequest;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.batch.TransactionManagerRequest;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.FeatureExtAck;
import io.tdstls.protocol.token.LoginAck;
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
 * requests answered from the live session ({@link SessionState}): SQL batches, RPCs, transaction
 * manager requests, attentions. Makes the endpoint useful
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
  private SessionState state;
  private LoginVerifier.Session loginSession;
  private AuthFacts auth;

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
      if (login.tdsVersion().isEmpty()) {
        return refuse(17802, 20, String.format("The Tabular Data Stream (TDS) version 0x%08X of the client library used"
            + " to open the connection is unsupported or unknown. The connection has been closed.", login.tdsVersionCode()));
      }
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
    String database = login.database().isEmpty() ? DEFAULT_DATABASE : login.database();
    int requested = login.packetSize() == 0 ? 4096 : login.packetSize();
    int packetSize = Math.max(512, Math.min(requested, outcome.encryptsSession() ? 16383 : 32767));
    state = new SessionState(login, database, packetSize);
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
   * Server does; 7.4 for a strict client (which sends 8.0). Any other code (0x00000000,
   * 0xFFFFFFFF, TDS 7.0, pre-release 7.3 codes) was refused before, with SQL Server's error 17802.
   */
  private static TdsVersion answeredVersion(Login7 login) {
    return login.tdsVersion().filter(v -> v != TdsVersion.V8_0).orElse(TdsVersion.V7_4);
  }

  private LoginAnswer refuse(int number, String message) {
    return refuse(number, 14, message);
  }

  private LoginAnswer refuse(int number, int severity, String message) {
    List<Token> tokens = List.of(
        ServerMessage.error(number, 1, severity, message, serverName, "", 1),
        Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ERROR), 0, 0));
    return new LoginAnswer(false, tabular(tokens), 4096);
  }

  private TdsMessage tabular(List<Token> tokens) {
    return new TdsMessage(PacketType.TABULAR_RESULT, encoder.encode(tokens));
  }

  /**
   * Answers a request: SQL batches ({@link DiagnosticSql}), RPCs ({@link RpcDispatcher}),
   * transaction manager requests ({@link TransactionRequests}) and attentions (a DONE with the
   * attention bit). A request with the RESETCONNECTION status bit first resets the session, and
   * its response starts with the RESETCONNECTION acknowledgement (ENVCHANGE 18).
   */
  @Override
  public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
    SessionFacts facts = facts(connection);
    AnswerTokens answers = new AnswerTokens(state, serverName);
    List<Token> tokens = new ArrayList<>();
    boolean reset = PacketStatus.RESET_CONNECTION.isSetIn(request.status());
    if (reset || PacketStatus.RESET_CONNECTION_SKIP_TRAN.isSetIn(request.status())) {
      state.reset(!reset);
      tokens.add(new EnvChange.Binary(EnvChangeType.RESET_CONNECTION, new byte[0], new byte[0]));
    }
    int kept = tokens.size();
    try {
      answer(request, facts, answers, tokens);
      return List.of(tabular(tokens));
    } catch (TdsProtocolException | RuntimeException e) {
      // The message was framed correctly, so the session survives: SQL Server's error, then on.
      tokens.subList(kept, tokens.size()).clear();
      boolean rpc = request.type() == PacketType.RPC;
      tokens.add(ServerMessage.error(rpc ? 8009 : 8624, 1, 16, rpc
          ? "The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect: "
              + e.getMessage()
          : "The tds-tls diagnostic endpoint cannot answer this request: " + e.getMessage(), serverName, "", 1));
      tokens.add(Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ERROR), 0, 0));
      return List.of(tabular(tokens));
    }
  }

  private void answer(TdsMessage request, SessionFacts facts, AnswerTokens answers, List<Token> tokens)
      throws TdsProtocolException {
    switch (request.type()) {
      case ATTENTION:
        tokens.add(Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ATTENTION), 0, 0));
        break;
      case RPC: {
        List<RpcRequest> calls = RpcRequest.decodeAll(request.payload());
        RpcDispatcher rpc = new RpcDispatcher(facts, answers);
        for (int i = 0; i < calls.size(); i++) {
          tokens.addAll(rpc.call(calls.get(i), i == calls.size() - 1));
        }
        break;
      }
      case TRANSACTION_MANAGER:
        tokens.addAll(new TransactionRequests(facts, answers).answer(TransactionManagerRequest.decode(request.payload())));
        break;
      case SQL_BATCH:
        answers.appendAll(DiagnosticSql.answer(SqlBatch.decode(request.payload()), facts), TokenType.DONE, true, tokens);
        break;
      default:
        tokens.add(ServerMessage.error(40000, 1, 16, "The tds-tls diagnostic endpoint answers SQL batches, RPCs,"
            + " transaction manager requests and attentions, not " + request.type() + " requests.", serverName, "", 1));
        tokens.add(Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.ERROR), 0, 0));
        break;
    }
  }

  private SessionFacts facts(ConnectionInfo connection) {
    return new SessionFacts(connection.spid(), (InetSocketAddress) connection.remote(),
        (InetSocketAddress) connection.local(), connection.security(), login, serverName, state,
        auth == null ? AuthFacts.sql(login.userName()) : auth);
  }
}
