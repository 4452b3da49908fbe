package io.tdstls.client;

import io.tdstls.error.ServerErrorException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.error.TdsTimeoutException;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.client.auth.KerberosInitiator;
import io.tdstls.client.auth.TokenRequest;
import io.tdstls.negotiation.ClientNegotiator;
import io.tdstls.negotiation.LoginMessageSource;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.negotiation.ClientState;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.protocol.batch.SqlBatch;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.ThreadId;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.ColMetadata;
import io.tdstls.protocol.token.Done;
import io.tdstls.protocol.token.DoneStatus;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.protocol.token.EnvChangeType;
import io.tdstls.protocol.token.Row;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.protocol.token.Token;
import io.tdstls.protocol.token.TokenDecoder;
import io.tdstls.tls.ClientEngines;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.tdstls.negotiation.TlsNegotiationMode;
import javax.net.ssl.SSLEngine;

/**
 * A logged-in TDS session over a blocking socket: a thin loop that moves bytes between the socket
 * and the {@link ClientNegotiator}. Not thread-safe: one request at a time.
 */
public final class TdsSession implements AutoCloseable {

  /** The largest response accepted by default, in bytes. */
  static final int MAX_MESSAGE_SIZE = ConnectionConfig.DEFAULT_MAX_MESSAGE_SIZE;

  private final ConnectionConfig config;
  private final BlockingTransport transport;
  private final ClientNegotiator core;
  private final EngineHolder engine;
  private TokenDecoder decoder;
  private SessionReport report;
  private EnvChange.Routing redirect;
  private String database;
  private long transactionDescriptor;
  private boolean closed;

  private TdsSession(ConnectionConfig config, BlockingTransport transport, ClientNegotiator core, EngineHolder engine) {
    this.config = config;
    this.transport = transport;
    this.core = core;
    this.engine = engine;
  }

  /** The engine of the session, released (OpenSSL's native memory) when the session closes. */
  private static final class EngineHolder {
    private final ClientEngines factory;
    private SSLEngine engine;

    EngineHolder(ClientEngines factory) {
      this.factory = factory;
    }

    SSLEngine hold(SSLEngine e) {
      release();
      engine = e;
      return e;
    }

    boolean resumed() {
      return engine != null && factory.resumed(engine);
    }

    void release() {
      if (engine != null) {
        factory.release(engine);
        engine = null;
      }
    }
  }

  static TdsSession open(ConnectionConfig config, ClientEngines tls, String host, int port, String routedFrom)
      throws TdsException {
    Instant deadline = deadline(config.loginTimeout());
    BlockingTransport transport = BlockingTransport.open(host, port, config.connectTimeout(), deadline);
    EngineHolder held = new EngineHolder(tls);
    TlsEngineSource engines = new TlsEngineSource() {
      @Override
      public SSLEngine newEngine(TlsNegotiationMode path) {
        return held.hold(tls.newEngine(host, port, path));
      }

      @Override
      public SSLEngine newEngine(TlsNegotiationMode path, boolean loginOnly) {
        return held.hold(tls.newEngine(host, port, path, loginOnly));
      }

      @Override
      public void handshakeCompleted(SSLEngine engine) {
        tls.handshakeCompleted(engine); // warns about a legacy TLS version
      }
    };
    PreLogin preLogin = PreLogin.of(new Version(0, 1, 0, 0))
        .withInstance(config.instanceName().orElse(""))
        .withThreadId(ThreadId.of(ProcessHandle.current().pid() & 0xFFFFFFFFL))
        .withMars(false);
    ClientAuthentication auth = config.authentication();
    LoginMethod method = auth.method();
    if (method == LoginMethod.SECURITY_TOKEN || method == LoginMethod.FEDAUTH_INFO_REQUEST) {
      preLogin = preLogin.withFedAuthRequired(true);
    }
    String token;
    KerberosInitiator kerberos;
    byte[] sspi;
    try {
      // Obtained before any byte is sent: a missing token or ticket fails without contacting the server.
      token = method == LoginMethod.SECURITY_TOKEN
          ? auth.tokenProvider().orElseThrow().token(new TokenRequest(host, port, "", "")) : null;
      kerberos = method == LoginMethod.SSPI
          ? KerberosInitiator.start(auth.serverSpn(host, port), auth.subject().orElse(null)) : null;
      sspi = kerberos == null ? null : kerberos.initial();
    } catch (TdsException e) {
      transport.close();
      throw e;
    }
    LoginMessageSource loginSource = new LoginMessageSource() {
      @Override
      public byte[] login7(Outcome outcome) {
        return login7(outcome, null);
      }

      @Override
      public byte[] login7(Outcome outcome, PreLogin serverPreLogin) {
        return LoginRequest.build(config, host, outcome, serverPreLogin, token, sspi).encode();
      }
    };
    ClientNegotiator core = new ClientNegotiator(config.tls().mode(), preLogin, engines, loginSource,
        config.maxMessageSize(), method);
    TdsSession session = new TdsSession(config, transport, core, held);
    try {
      transport.write(core.start());
      TdsMessage reply = session.awaitMessage(deadline);
      TdsVersion requested = core.negotiated().outcome() == io.tdstls.protocol.encryption.Outcome.STRICT
          ? TdsVersion.V7_4 : config.tdsVersion();
      session.decoder = new TokenDecoder(requested);
      LoginConversation conversation = new LoginConversation(auth, kerberos, host, port);
      LoginResponse login = LoginResponse.of(conversation.run(reply, session.decoder, core.negotiated().serverPreLogin(),
          m -> {
            transport.write(core.sendLoginContinuation(m));
            return session.awaitMessage(deadline);
          }), config.packetSize());
      transport.endLogin("waiting for the login response"); // the login deadline no longer applies
      if (login.routing() != null) {
        session.redirect = login.routing();
        return session;
      }
      core.loginAccepted(login.packetSize());
      session.database = login.database();
      Outcome outcome = core.negotiated().outcome();
      boolean validated = outcome != Outcome.NONE
          && tls.validates(outcome == Outcome.LOGIN_ONLY);
      session.report = new SessionReport(host, port, config.tls().mode(), core.negotiated(), login.loginAck(),
          core.packetSize(), login.database(), routedFrom, validated, auth.toString(),
          tls == null ? "jdk" : tls.provider(), outcome != Outcome.NONE && held.resumed());
      return session;
    } catch (TdsException e) {
      core.fail(e);
      transport.close();
      held.release();
      throw e;
    } catch (RuntimeException e) {
      transport.close();
      held.release();
      throw core.fail(unprocessable(e));
    }
  }

  /**
   * A last line of defence: a server's bytes that made the decoding fail with an unchecked
   * exception end the session with a typed error instead of a stack trace.
   */
  private static TdsProtocolException unprocessable(RuntimeException e) {
    return new TdsProtocolException("server response", "could not be processed (" + e + ")", -1);
  }

  private static Instant deadline(Duration timeout) {
    return timeout.isZero() ? null : Instant.now().plus(timeout);
  }

  /** Reads until the core has a complete message from the server. */
  private TdsMessage awaitMessage(Instant deadline) throws TdsException {
    while (true) {
      TdsMessage m = core.state() == core.loginMethod().loginState() || core.state() == ClientState.LOGGED_IN
          ? core.poll() : null;
      if (m != null) {
        return m;
      }
      ByteBuffer in;
      try {
        in = transport.read(deadline, waitingFor());
      } catch (TdsConnectionException e) {
        throw withHandshakeAdvice(e);
      }
      transport.write(core.receive(in));
    }
  }

  /** A connection lost during a TLS handshake usually means the server refused what was offered. */
  private TdsConnectionException withHandshakeAdvice(TdsConnectionException e) {
    switch (core.state()) {
      case STRICT_TLS_HANDSHAKE:
        return new TdsConnectionException(e.getMessage(), "the server dropped the strict (TDS 8.0) TLS handshake: it may"
            + " not support strict encryption (SQL Server 2022 and later do, when configured), or refuse this TLS"
            + " version; for an older server use mode mandatory", e);
      case SENT_TLS_NEGOTIATION:
        return new TdsConnectionException(e.getMessage(), "the server dropped the TLS handshake: it may not accept the"
            + " TLS versions or cipher suites offered (TDS 7.x uses TLS 1.2 at most; legacy servers need"
            + " enableLegacyTls), or requires a client certificate", e);
      default:
        return e;
    }
  }

  private String waitingFor() {
    switch (core.state()) {
      case STRICT_TLS_HANDSHAKE:
        return "waiting for the strict (TDS 8.0) TLS handshake";
      case SENT_PRELOGIN:
        return "waiting for the PRELOGIN response";
      case SENT_TLS_NEGOTIATION:
        return "waiting for the TLS handshake inside PRELOGIN";
      case SENT_LOGIN7:
        return "waiting for the login response";
      case SENT_LOGIN7_SPNEGO:
        return "waiting for the server's SSPI (Kerberos) answer";
      case SENT_LOGIN7_FEDAUTH_INFO_REQUEST:
        return "waiting for the server's FEDAUTHINFO or login response";
      default:
        return "waiting for a response";
    }
  }

  EnvChange.Routing redirect() {
    return redirect;
  }

  /**
   * Returns what this session negotiated.
   *
   * @return the report
   */
  public SessionReport report() {
    return report;
  }

  /**
   * Returns the current database.
   *
   * @return the database name
   */
  public String database() {
    return database;
  }

  /**
   * Runs an SQL batch and reads its whole answer.
   *
   * @param sql the batch
   * @return result sets, messages and row counts
   * @throws ServerErrorException if the server answered with an ERROR token (the session stays
   *     usable)
   * @throws TdsException if the connection fails (the session is then closed)
   */
  public QueryResult execute(String sql) throws TdsException {
    if (closed) {
      throw new IllegalStateException("the session is closed");
    }
    TdsMessage reply = null;
    TdsTimeoutException cancelled = null;
    try {
      TdsVersion version = report.loginAck().tdsVersion().filter(v -> v != TdsVersion.V8_0).orElse(TdsVersion.V7_4);
      byte[] batch = SqlBatch.encode(sql, version, transactionDescriptor, 1);
      transport.write(core.send(new TdsMessage(PacketType.SQL_BATCH, batch)));
      Instant readDeadline = deadline(config.readTimeout());
      Instant queryDeadline = deadline(config.queryTimeout());
      if (queryDeadline != null && (readDeadline == null || !readDeadline.isBefore(queryDeadline))) {
        try {
          reply = awaitMessage(queryDeadline);
        } catch (TdsTimeoutException timedOut) {
          cancelled = cancelAfterTimeout(); // throws, closing the session, if not acknowledged
        }
      } else {
        reply = awaitMessage(readDeadline);
      }
    } catch (TdsException e) {
      core.fail(e);
      close();
      throw e;
    } catch (RuntimeException e) {
      close();
      throw core.fail(unprocessable(e));
    }
    if (cancelled != null) {
      throw cancelled; // acknowledged: the session stays usable
    }
    try {
      return collect(decoder.decode(reply.payload()));
    } catch (ServerErrorException e) {
      throw e;
    } catch (TdsException e) {
      core.fail(e);
      close();
      throw e;
    } catch (RuntimeException e) {
      close();
      throw core.fail(unprocessable(e));
    }
  }

  /**
   * Runs an SQL batch and hands its answer to a sink packet by packet, without assembling it: for
   * results larger than the {@link ConnectionConfig#maxMessageSize()} limit of {@link #execute(String)}, or
   * to measure transfer rates. Tokens are not decoded; the sink sees the raw token stream.
   *
   * <pre>{@code
   * long bytes = session.executeStreaming("SELECT * FROM big", (payload, last) -> digest.update(payload));
   * }</pre>
   *
   * @param sql the batch
   * @param sink receives each packet's payload, in order
   * @return the number of payload bytes received
   * @throws TdsException if the connection fails or the sink throws (the session is then closed)
   */
  public long executeStreaming(String sql, ResponseSink sink) throws TdsException {
    if (closed) {
      throw new IllegalStateException("the session is closed");
    }
    try {
      TdsVersion version = report.loginAck().tdsVersion().filter(v -> v != TdsVersion.V8_0).orElse(TdsVersion.V7_4);
      transport.write(core.send(new TdsMessage(PacketType.SQL_BATCH, SqlBatch.encode(sql, version, transactionDescriptor, 1))));
      core.deliverPackets(true);
      StreamedPackets packets = new StreamedPackets(sink);
      while (true) {
        while (core.readPacket(packets)) {
          if (packets.ended()) {
            core.deliverPackets(false);
            return packets.total();
          }
        }
        // the read timeout bounds each wait for data, not the whole (possibly very long) transfer
        transport.write(core.receive(transport.read(deadline(config.readTimeout()), "waiting for a streamed response")));
      }
    } catch (TdsException e) {
      core.fail(e);
      close();
      throw e;
    }
  }

  /** How long the client waits for the server to acknowledge an ATTENTION, at most. */
  static final Duration ATTENTION_WAIT_MAX = Duration.ofSeconds(5);

  /**
   * Sends ATTENTION after the query timeout ran out, and reads (discarding what the query still
   * sends) until the DONE with the attention bit, for at most the query timeout again and {@link
   * #ATTENTION_WAIT_MAX}.
   *
   * @return the timeout error to throw when the server acknowledged (the session stays usable)
   * @throws TdsTimeoutException when it did not (the caller closes the session)
   */
  private TdsTimeoutException cancelAfterTimeout() throws TdsException {
    Duration wait = config.queryTimeout().compareTo(ATTENTION_WAIT_MAX) < 0 ? config.queryTimeout() : ATTENTION_WAIT_MAX;
    String what = "the query did not finish within " + config.queryTimeout().toMillis() + " ms";
    transport.write(core.send(new TdsMessage(PacketType.ATTENTION, new byte[0])));
    Instant ackDeadline = Instant.now().plus(wait);
    try {
      while (true) {
        TdsMessage m = awaitMessage(ackDeadline);
        for (Token t : decoder.decode(m.payload())) {
          if (t instanceof Done && ((Done) t).has(DoneStatus.ATTENTION)) {
            return new TdsTimeoutException(what + "; it was cancelled (ATTENTION acknowledged)",
                "raise the query timeout, or make the query faster; the session is still usable", null);
          }
        }
      }
    } catch (TdsTimeoutException noAck) {
      throw new TdsTimeoutException(what + ", and the server did not acknowledge the cancel (ATTENTION) within "
          + wait.toMillis() + " ms; the connection was closed",
          "the server is stuck or overloaded; raise the query timeout, or check the server", null);
    }
  }

  private QueryResult collect(List<Token> tokens) throws TdsException {
    List<ResultTable> tables = new ArrayList<>();
    List<ServerMessage> messages = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    ServerMessage error = null;
    ColMetadata columns = null;
    List<List<Object>> rows = new ArrayList<>();
    for (Token t : tokens) {
      if (t instanceof ColMetadata) {
        columns = (ColMetadata) t;
        rows = new ArrayList<>();
      } else if (t instanceof Row) {
        if (columns == null) {
          throw new TdsProtocolException("result", "a ROW before any COLMETADATA", -1);
        }
        rows.add(((Row) t).values());
      } else if (t instanceof Done) {
        Done d = (Done) t;
        if (columns != null && !columns.columns().isEmpty()) {
          tables.add(new ResultTable(columns.columns(), rows));
          columns = null;
        }
        if (d.has(DoneStatus.COUNT)) {
          counts.add(d.rowCount());
        }
      } else if (t instanceof ServerMessage) {
        ServerMessage m = (ServerMessage) t;
        if (m.isError()) {
          error = error == null ? m : error;
        } else {
          messages.add(m);
        }
      } else if (t instanceof EnvChange.Text && ((EnvChange.Text) t).changeType() == EnvChangeType.DATABASE) {
        database = ((EnvChange.Text) t).newValue();
      } else if (t instanceof EnvChange.Binary) {
        trackTransaction((EnvChange.Binary) t);
      }
    }
    if (error != null) {
      throw new ServerErrorException(error.number(), error.state(), error.severity(), error.message(),
          error.serverName(), error.procName(), error.lineNumber());
    }
    return new QueryResult(tables, messages, counts);
  }

  private void trackTransaction(EnvChange.Binary change) {
    if (change.changeType() == EnvChangeType.BEGIN_TRANSACTION && change.newValue().length == 8) {
      transactionDescriptor = ByteBuffer.wrap(change.newValue()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    } else if (change.changeType() == EnvChangeType.COMMIT_TRANSACTION
        || change.changeType() == EnvChangeType.ROLLBACK_TRANSACTION) {
      transactionDescriptor = 0;
    }
  }

  /** Closes the connection. */
  @Override
  public void close() {
    closed = true;
    transport.close();
    engine.release();
  }
}
