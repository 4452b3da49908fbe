package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.EncryptionRequiredException;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.negotiation.ClientNegotiator;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.packet.PacketHeader;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.server.ClientLink;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.RelaySessionHandler;
import io.tdstls.tls.ClientEngines;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * One relayed connection. Its route (its backend) is chosen by the front handshake's SNI, LOGIN7's
 * ServerName or database. When the route is known before login (one route, or only a default
 * route), the backend connection opens on the front's event loop when the client's PRELOGIN
 * arrives (the client's options go to the backend, the backend's come back to the client);
 * otherwise, or when there was no PRELOGIN or PRELOGIN relay is off, it opens at LOGIN7. LOGIN7
 * (mapped by the route's login mode) and every SSPI or FEDAUTH_TOKEN message continuing it go to
 * the backend; the backend's SSPI tokens and FEDAUTHINFO come back, until its LOGINACK or error.
 * Then every message is relayed both ways with back-pressure (a side whose peer cannot take more
 * stops reading). {@link RelayState} says where the connection stands.
 */
final class RelaySession implements RelaySessionHandler {

  private static final System.Logger LOG = System.getLogger(TdsGateway.class.getName());
  /** The largest message accepted from the backend while logging in (the login response). */
  private static final int MAX_LOGIN_RESPONSE = 4 << 20;
  /** The server name in the gateway's own ERROR tokens. */
  private static final String GATEWAY_NAME = "tds-tls-gateway";
  /** The route of every session while the gateway has a single backend. */
  static final String DEFAULT_ROUTE = "default";

  private final GatewayConfig config;
  private final RouteTable routes;
  private GatewayRoute route;
  private ClientEngines backendTls;
  private ClientLink link;
  private BackendConnection backend;
  private AuditLine audit;
  private byte[] login7;
  private int requestedPacketSize;
  private int redirects;
  private boolean inMessageToClient;
  private boolean ended;
  private ScheduledFuture<?> backendTimer;
  private RelayState state = RelayState.START;
  private PreLogin clientPreLogin;
  private LoginMethod method = LoginMethod.SQL_PASSWORD;
  /** A back-side failure that happened before the client's LOGIN7, reported in answer to it. */
  private TdsException pendingFailure;
  private final GatewayEvents events;
  private String routeName = DEFAULT_ROUTE;
  private boolean started;
  private long login7At;
  private long connectStartedAt;

  RelaySession(GatewayConfig config) {
    this.config = config;
    this.routes = config.routes();
    this.events = config.events();
  }

  /**
   * Returns the name of the route this session is relayed on: the {@code route} tag of its metrics.
   *
   * @return {@link #DEFAULT_ROUTE} until LOGIN7 chose a route, then that route's name
   */
  String routeName() {
    return routeName;
  }

  @Override
  public boolean backendKnownAtPrelogin() {
    // Asked at the connection's first byte, before any SNI: known only when nothing the client sends
    // later (SNI, LOGIN7's names) can choose another route.
    return config.preLoginRelay() && routes.knownAtPreLogin().isPresent();
  }

  @Override
  public void relayPreLogin(PreLogin clientOptions, ClientLink link) {
    begin(link);
    clientPreLogin = clientOptions;
    chooseRoute(routes.knownAtPreLogin().orElseThrow());
    moveTo(RelayState.BACKEND_PRELOGIN);
    connect(route.backendHost(), route.backendPort());
    armBackendTimer("its PRELOGIN reply");
  }

  /** The backend answered PRELOGIN: the client gets its options, with the front's ENCRYPTION byte. */
  void backendPreLogin(PreLogin backendReply) {
    if (state != RelayState.BACKEND_PRELOGIN) {
      return; // connected at LOGIN7, or following a redirect: the client's PRELOGIN was answered long ago
    }
    cancelBackendTimer();
    moveTo(RelayState.AWAIT_CLIENT_LOGIN7);
    link.answerPreLogin(backendReply);
  }

  private void begin(ClientLink link) {
    if (this.link == null) {
      this.link = link;
      this.audit = new AuditLine(link.info().remote(), false); // marked by the route's own insecurity
    }
  }

  @Override
  public void relayLogin(TdsMessage message, ClientLink link) throws TdsException {
    begin(link);
    this.login7At = System.nanoTime();
    NegotiatedSecurity front = link.info().security();
    audit.front(front);
    if (config.frontPolicy().strict() == StrictPolicy.REQUIRED && (front == null || front.outcome() != Outcome.STRICT)) {
      audit.outcome("front", "refused: a TDS 7.x login where strict is required (17819)");
      events.failed(GatewayEvents.Side.FRONT, FailureKind.POLICY, false);
      link.send(ClientErrors.strictRequired(GATEWAY_NAME));
      end("front", "strict required, the client logged in over TDS 7.x");
      return;
    }
    byte[] payload = message.payload();
    Login7 login = Login7.decode(payload);
    audit.login(login.userName(), login.appName(), login.database());
    requestedPacketSize = login.packetSize();
    method = LoginRelay.method(login);
    TdsVersion clientVersion = LoginRelay.version(payload);
    if (method.requiresFullEncryption() && (front == null || !front.outcome().encryptsSession())) {
      String kind = method == LoginMethod.SSPI ? "integrated (SSPI)" : "federated-authentication";
      String outcome = front == null ? "no" : front.outcome().label();
      audit.outcome("front", "refused: a " + method.label() + " login with " + outcome + " encryption (18456)");
      events.failed(GatewayEvents.Side.FRONT, FailureKind.POLICY, false);
      link.send(ClientErrors.loginFailed("Login failed for user ''. A " + kind + " login requires the whole session"
          + " to be encrypted, and this one negotiated " + outcome + " encryption with the tds-tls gateway.",
          GATEWAY_NAME, clientVersion));
      end("front", "a " + method.label() + " login on a session that is not fully encrypted");
      return;
    }
    if (route == null) {
      String sni = front == null ? "" : front.tlsInfo().map(TlsInfo::sniHostName).orElse("");
      java.util.Optional<GatewayRoute> chosen = routes.begin(sni).atLogin(login.serverName(), login.database());
      if (chosen.isEmpty()) {
        audit.outcome("front", "refused: no route");
        events.failed(GatewayEvents.Side.FRONT, FailureKind.POLICY, false);
        link.send(ClientErrors.noRoute(sni, login.serverName(), login.database(), GATEWAY_NAME, clientVersion));
        end("front", "no route for SNI '" + sni + "', server name '" + login.serverName() + "', database '"
            + login.database() + "'");
        return;
      }
      chooseRoute(chosen.get());
    }
    byte[] toBackend = mapLogin(payload, login, front);
    if (toBackend == null) {
      return;
    }
    if (toBackend != payload) {
      method = LoginMethod.SQL_PASSWORD; // the mapped login carries the held password, no SSPI or FEDAUTH
    }
    audit.outcome("front", "negotiated");
    login7 = LoginRelay.translate(toBackend, route.backendTls().mode() == EncryptMode.STRICT);
    started = true;
    events.sessionStarted(routeName);
    events.relayed(routeName, true, payload.length);
    if (pendingFailure != null) {
      TdsException e = pendingFailure;
      pendingFailure = null;
      tellClient(e);
      return;
    }
    moveTo(RelayState.BACKEND_LOGIN);
    if (backend == null) {
      clientPreLogin = front != null ? front.clientPreLogin() : null;
      connect(route.backendHost(), route.backendPort());
    }
    armBackendTimer("its answer to LOGIN7");
    backend.login(method, login7.clone());
  }

  private void chooseRoute(GatewayRoute chosen) {
    route = chosen;
    routeName = chosen.name();
    backendTls = config.backendEngines(chosen);
    audit.route(chosen.name(), chosen.insecure());
  }

  /**
   * Applies the login mapping: the LOGIN7 bytes for the backend ({@code payload} itself when the
   * client's login passes through), or {@code null} when the login was refused (the client got
   * 18456 and the session ended).
   */
  private byte[] mapLogin(byte[] payload, Login7 login, NegotiatedSecurity front) throws TdsException {
    boolean strict = front != null && front.outcome() == Outcome.STRICT;
    java.util.List<java.security.cert.X509Certificate> chain = front == null ? java.util.List.of()
        : front.tlsInfo().map(io.tdstls.negotiation.TlsInfo::peerCertificates).orElse(java.util.List.of());
    LoginMapping.Decision d = config.loginMapping(route).map(login, chain, strict);
    if (d instanceof LoginMapping.Refuse r) {
      audit.outcome("front", "login refused (18456): " + r.reason());
      events.failed(GatewayEvents.Side.FRONT, FailureKind.LOGIN, false);
      link.send(ClientErrors.loginFailed(r.message(), GATEWAY_NAME, LoginRelay.version(payload)));
      end("front", "the gateway refused the login: " + r.reason());
      return null;
    }
    LoginMapping.Forward f = (LoginMapping.Forward) d;
    if (f.login() == null) {
      return payload;
    }
    audit.mapped(f.backendUser(), f.identity());
    return f.login().encode();
  }

  @Override
  public void relayLoginContinuation(TdsMessage message) throws TdsException {
    if (state != RelayState.AWAIT_CLIENT_CONTINUATION) {
      return; // ended meanwhile
    }
    boolean fits = method == LoginMethod.SSPI && message.type() == PacketType.SSPI
        || method == LoginMethod.FEDAUTH_INFO_REQUEST && message.type() == PacketType.FEDAUTH_TOKEN;
    if (!fits) {
      audit.outcome("front", "refused: a " + message.type() + " message during a " + method.label() + " login");
      link.send(ClientErrors.loginFailed("Login failed for user ''. A " + message.type() + " message does not continue"
          + " a " + method.label() + " login.", GATEWAY_NAME, LoginRelay.version(login7)));
      end("front", "unexpected " + message.type() + " message during login");
      return;
    }
    audit.payloadToBackend += message.payload().length;
    events.relayed(routeName, true, message.payload().length);
    moveTo(RelayState.BACKEND_LOGIN);
    armBackendTimer("its answer to the " + message.type() + " message");
    backend.sendLoginContinuation(message);
  }

  private void connect(String host, int port) {
    PreLogin preLogin = clientPreLogin != null ? clientPreLogin : PreLogin.of(new Version(0, 1, 0, 0)).withMars(false);
    SSLEngine[] made = new SSLEngine[1];
    TlsEngineSource engines = new TlsEngineSource() {
      @Override
      public SSLEngine newEngine(TlsNegotiationMode path) {
        made[0] = backendTls.newEngine(host, port, path);
        return made[0];
      }

      @Override
      public void handshakeCompleted(SSLEngine engine) {
        backendTls.handshakeCompleted(engine);
      }
    };
    ClientNegotiator core = new ClientNegotiator(route.backendTls().mode(), preLogin, engines, MAX_LOGIN_RESPONSE);
    connectStartedAt = System.nanoTime();
    backend = BackendConnection.open(link.channel().eventLoop(), host, port, route.backendTimeout(), core, this);
    // an OpenSSL engine's native memory is freed when the backend connection closes, not at some later GC
    ClientEngines madeBy = backendTls;
    backend.channel().closeFuture().addListener(f -> {
      if (made[0] != null) {
        madeBy.release(made[0]);
      }
    });
  }

  /** The backend connection's TCP connect, TLS handshake and PRELOGIN are done (LOGIN7 may follow later). */
  void backendNegotiated() {
    events.backendConnected(routeName, backend.core().negotiated(),
        java.time.Duration.ofNanos(System.nanoTime() - connectStartedAt));
  }

  /** Limits how long the gateway waits for the backend (never for the client: the front's login timeout does). */
  private void armBackendTimer(String waitingFor) {
    cancelBackendTimer();
    BackendConnection current = backend;
    RelayState waitingIn = state;
    backendTimer = link.channel().eventLoop().schedule(() -> {
      if (backend == current && state == waitingIn && !current.loggedIn()) {
        current.timeout(route.backendTimeout(), waitingFor);
      }
    }, route.backendTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelBackendTimer() {
    if (backendTimer != null) {
      backendTimer.cancel(false);
      backendTimer = null;
    }
  }

  private void moveTo(RelayState next) {
    LOG.log(Level.DEBUG, "relay from {0}: {1} -> {2}", link == null ? "?" : link.info().remote(), state, next);
    state = next;
  }

  /** The relay's state, for tests and logs. */
  RelayState state() {
    return state;
  }

  /**
   * The backend answered LOGIN7 or a message continuing it: relay a challenge (SSPI token,
   * FEDAUTHINFO) and wait for the client's answer, follow a redirect, relay its refusal, or relay
   * its acceptance and start relaying the session.
   */
  void backendLoginResponse(TdsMessage response) throws TdsException {
    if (state != RelayState.BACKEND_LOGIN) {
      throw new TdsProtocolException("login response", "the backend sent a login answer while the gateway was in state "
          + state, -1);
    }
    LoginRelay.Answer answer = LoginRelay.Answer.of(response.payload(), requestedPacketSize,
        LoginRelay.version(login7));
    audit.backend(backend.peer(), backend.core().negotiated());
    if (answer.routing() != null && answer.loginAck() == null) {
      follow(answer.routing());
      return;
    }
    if (answer.error() != null) {
      audit.outcome("backend", "login refused: " + answer.error().number() + " " + answer.error().message());
      // told before the answer goes out, so that a client that saw it finds it counted
      events.relayed(routeName, false, response.payload().length);
      events.failed(GatewayEvents.Side.BACK, FailureKind.LOGIN, false);
      events.loginAnswered(routeName, false, sinceLogin7());
      link.send(response); // the backend's own ERROR token
      end("backend", "the backend refused the login (" + answer.error().number() + ")");
      return;
    }
    cancelBackendTimer();
    if (answer.challenge()) {
      audit.payloadToClient += response.payload().length;
      events.relayed(routeName, false, response.payload().length);
      moveTo(RelayState.AWAIT_CLIENT_CONTINUATION);
      link.send(response); // the backend's SSPI token or FEDAUTHINFO
      link.awaitLoginContinuation();
      return;
    }
    audit.outcome("backend", "logged in" + (method == LoginMethod.SQL_PASSWORD ? "" : " (" + method.label() + ")"));
    moveTo(RelayState.RELAYING);
    backend.loginAccepted(answer.packetSize());
    events.relayed(routeName, false, response.payload().length);
    events.loginAnswered(routeName, true, sinceLogin7());
    link.send(response);
    NegotiatedSecurity front = link.info().security();
    boolean frontEncrypted = front != null && front.outcome().encryptsSession();
    link.loginAccepted(frontEncrypted ? Math.min(answer.packetSize(), 16383) : answer.packetSize());
  }

  private java.time.Duration sinceLogin7() {
    return java.time.Duration.ofNanos(System.nanoTime() - login7At);
  }

  private void follow(EnvChange.Routing routing) {
    String target = routing.alternateServer();
    int backslash = target.indexOf('\\');
    String host = backslash < 0 ? target : target.substring(0, backslash);
    cancelBackendTimer();
    backend.close();
    if (++redirects > 5) {
      backendFailed(new TdsConnectionException("the backend redirected the login more than 5 times",
          "the backends redirect in a loop; check their routing configuration", null), FailureKind.OTHER);
      return;
    }
    LOG.log(Level.INFO, "the backend redirected the login to {0}:{1}; following", host, routing.port());
    connect(host, routing.port());
    armBackendTimer("its answer to LOGIN7 after a redirect");
    backend.login(method, login7.clone());
  }

  /**
   * A packet of a backend message, read in place from the back side's input: queued for the
   * client, re-split at the front's packet size;
   * {@link #flushToClient()} sends what the packets of one read from the backend queued.
   */
  void backendPacket(PacketHeader header, ByteBuffer in) throws TdsException {
    if (ended) {
      return;
    }
    boolean eom = PacketStatus.END_OF_MESSAGE.isSetIn(header.status());
    byte[] payload = new byte[in.remaining()]; // the one copy: the view is valid only during this call
    in.get(payload);
    audit.payloadToClient += payload.length;
    events.relayed(routeName, false, payload.length);
    link.sendPart(header.type(), payload, eom);
    inMessageToClient = !eom;
    if (!link.channel().isWritable()) {
      backend.setAutoRead(false);
    }
  }

  /** Writes out the packets queued by {@link #backendPacket} (even after the session ended: they precede its close). */
  void flushToClient() {
    link.flush();
  }

  @Override
  public void relayRequest(TdsMessage request) throws TdsException {
    if (ended) {
      return;
    }
    audit.payloadToBackend += request.payload().length;
    events.relayed(routeName, true, request.payload().length);
    backend.send(request);
    if (!backend.channel().isWritable()) {
      link.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void clientWritable() {
    if (backend != null && !ended) {
      backend.setAutoRead(true);
    }
  }

  void backendWritable() {
    if (link != null && !ended) {
      link.channel().config().setAutoRead(true);
    }
  }

  void countToBackend(int n) {
    audit.wireToBackend += n;
  }

  void countFromBackend(int n) {
    audit.wireFromBackend += n;
  }

  /**
   * The back side failed: the client gets an ERROR token saying what and what to do, then a close.
   * Before the client's LOGIN7 the error waits for it (the client cannot read a TDS error in the
   * middle of PRELOGIN or its TLS handshake): a PRELOGIN still unanswered is answered with the
   * gateway's own options.
   */
  void backendFailed(TdsException e) {
    backendFailed(e, FailureKind.of(e));
  }

  private void backendFailed(TdsException e, FailureKind kind) {
    if (ended) {
      return;
    }
    if (!backend.negotiated()) {
      events.backendConnectFailed(routeName, kind);
    }
    events.failed(GatewayEvents.Side.BACK, kind, backend.handshaking());
    cancelBackendTimer();
    TdsException reason = explain(e);
    audit.backend(backend.peer(), backend.core().negotiated());
    audit.outcome("backend", reason.getMessage());
    LOG.log(Level.WARNING, "conn from {0}: backend {1} failed: {2}", link.info().remote(), backend.peer(),
        reason.describe());
    if (state == RelayState.BACKEND_PRELOGIN || state == RelayState.AWAIT_CLIENT_LOGIN7) {
      pendingFailure = reason;
      if (state == RelayState.BACKEND_PRELOGIN) {
        moveTo(RelayState.AWAIT_CLIENT_LOGIN7);
        link.answerPreLogin(null);
      }
      return;
    }
    tellClient(reason);
  }

  /** A token or SSPI login that the back side's encryption cannot carry gets advice about the gateway's options. */
  private TdsException explain(TdsException e) {
    if (e instanceof EncryptionRequiredException && method.requiresFullEncryption()) {
      return new EncryptionRequiredException("the gateway does not relay a " + method.label() + " login to the backend "
          + backend.peer() + " over a session that is not fully encrypted (" + e.getMessage() + ")",
          "connect the gateway to the backend with --backend-encrypt mandatory or strict, so that the SSPI and"
              + " FEDAUTH_TOKEN messages after LOGIN7 travel inside TLS", e);
    }
    return e;
  }

  private void tellClient(TdsException e) {
    if (!inMessageToClient) {
      try {
        link.send(ClientErrors.backendFailure(e, GATEWAY_NAME,
            login7 == null ? TdsVersion.V7_4 : LoginRelay.version(login7)));
      } catch (TdsException sendFailed) {
        // the client connection is already broken; it is closed below
      }
    }
    end("backend", e.getMessage());
  }

  @Override
  public void clientClosed(String reason) {
    clientClosed(reason, null);
  }

  @Override
  public void clientClosed(String reason, ConnectionInfo connection) {
    if (ended) {
      return;
    }
    if (link == null) { // closed before its PRELOGIN or LOGIN7 reached the relay: the front's own ending
      ended = true;
      if (connection != null) {
        AuditLine early = new AuditLine(connection.remote(), false);
        early.front(connection.security());
        early.outcome("front", connection.security() == null ? "not negotiated" : "negotiated");
        early.relayState(state);
        early.end(reason.startsWith("the client") ? "client" : "front", reason, config.audit());
      }
      return;
    }
    if (backend != null) {
      backend.close();
    }
    end("client", reason);
  }

  private void end(String side, String reason) {
    ended = true;
    if (audit != null) {
      audit.relayState(state);
    }
    moveTo(RelayState.ENDED);
    cancelBackendTimer();
    if (backend != null) {
      backend.close();
    }
    if (audit != null) {
      audit.end(side, reason, config.audit());
    }
    if (started) {
      started = false;
      events.sessionEnded(routeName);
    }
    link.close("the " + side + " side ended: " + reason);
  }
}
