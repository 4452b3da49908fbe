package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsConnectionException;
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
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketStatus;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.protocol.token.EnvChange;
import io.tdstls.server.ClientLink;
import io.tdstls.server.RelaySessionHandler;
import io.tdstls.tls.ClientEngines;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * One relayed connection: the front's LOGIN7 chooses the route (by the front handshake's SNI,
 * LOGIN7's ServerName or database) and starts a connection to its backend on the same event loop;
 * its login response goes back to the client, then every message is relayed both ways with
 * back-pressure (a side whose peer cannot take more stops reading).
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
  public void relayLogin(TdsMessage message, ClientLink link) throws TdsException {
    this.link = link;
    this.login7At = System.nanoTime();
    this.audit = new AuditLine(link.info().remote(), false);
    NegotiatedSecurity front = link.info().security();
    audit.front(front);
    if (config.frontPolicy().strict() == StrictPolicy.REQUIRED && (front == null || front.outcome() != Outcome.STRICT)) {
      audit.outcome("front", "refused: a TDS 7.x login where strict is required (17819)");
      events.failed(GatewayEvents.Side.FRONT, FailureKind.POLICY, false);
      link.send(ClientErrors.strictRequired(GATEWAY_NAME));
      end("front", "strict required, the client logged in over TDS 7.x");
      return;
    }
    audit.outcome("front", "negotiated");
    byte[] payload = message.payload();
    Login7 login = Login7.decode(payload);
    audit.login(login.userName(), login.appName(), login.database());
    requestedPacketSize = login.packetSize();
    String sni = front == null ? "" : front.tlsInfo().map(TlsInfo::sniHostName).orElse("");
    RouteSelection selection = routes.begin(sni);
    java.util.Optional<GatewayRoute> chosen = selection.atLogin(login.serverName(), login.database());
    if (chosen.isEmpty()) {
      audit.outcome("front", "refused: no route");
      events.failed(GatewayEvents.Side.FRONT, FailureKind.POLICY, false);
      link.send(ClientErrors.noRoute(sni, login.serverName(), login.database(), GATEWAY_NAME,
          LoginRelay.version(payload)));
      end("front", "no route for SNI '" + sni + "', server name '" + login.serverName() + "', database '"
          + login.database() + "'");
      return;
    }
    route = chosen.get();
    routeName = route.name();
    backendTls = config.backendEngines(route);
    audit.route(route.name(), route.insecure());
    byte[] toBackend = mapLogin(payload, login, front);
    if (toBackend == null) {
      return;
    }
    login7 = LoginRelay.translate(toBackend, route.backendTls().mode() == EncryptMode.STRICT);
    started = true;
    events.sessionStarted(routeName);
    events.relayed(routeName, true, payload.length);
    connect(route.backendHost(), route.backendPort());
  }

  /**
   * Applies the login mapping: the LOGIN7 bytes for the backend, or {@code null} when the login was
   * refused (the client got 18456 and the session ended).
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

  private void connect(String host, int port) {
    NegotiatedSecurity front = link.info().security();
    PreLogin preLogin = front != null && front.clientPreLogin() != null
        ? front.clientPreLogin() : PreLogin.of(new Version(0, 1, 0, 0)).withMars(false);
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
    ClientNegotiator core = new ClientNegotiator(route.backendTls().mode(), preLogin, engines,
        outcome -> login7.clone(), MAX_LOGIN_RESPONSE);
    connectStartedAt = System.nanoTime();
    backend = BackendConnection.open(link.channel().eventLoop(), host, port, route.backendTimeout(), core, this);
    BackendConnection current = backend;
    // an OpenSSL engine's native memory is freed when the backend connection closes, not at some later GC
    ClientEngines madeBy = backendTls;
    current.channel().closeFuture().addListener(f -> {
      if (made[0] != null) {
        madeBy.release(made[0]);
      }
    });
    long limit = route.backendTimeout().toMillis();
    backendTimer = link.channel().eventLoop().schedule(() -> {
      if (backend == current && !current.loggedIn()) {
        current.timeout(route.backendTimeout());
      }
    }, limit, TimeUnit.MILLISECONDS);
  }

  /** The backend connection's TCP connect, TLS handshake and PRELOGIN are done; LOGIN7 went out. */
  void backendNegotiated() {
    events.backendConnected(routeName, backend.core().negotiated(),
        java.time.Duration.ofNanos(System.nanoTime() - connectStartedAt));
  }

  /** The backend answered LOGIN7: relay its answer, follow a redirect, or relay its refusal. */
  void backendLoginResponse(TdsMessage response) throws TdsException {
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
    backendTimer.cancel(false);
    audit.outcome("backend", "logged in");
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
    backendTimer.cancel(false);
    backend.close();
    if (++redirects > 5) {
      backendFailed(new TdsConnectionException("the backend redirected the login more than 5 times",
          "the backends redirect in a loop; check their routing configuration", null), FailureKind.OTHER);
      return;
    }
    LOG.log(Level.INFO, "the backend redirected the login to {0}:{1}; following", host, routing.port());
    connect(host, routing.port());
  }

  /** A packet of a backend message: relayed at once, re-split at the front's packet size. */
  void backendPacket(Packet p) throws TdsException {
    if (ended) {
      return;
    }
    boolean eom = PacketStatus.END_OF_MESSAGE.isSetIn(p.header().status());
    byte[] payload = p.payload();
    audit.payloadToClient += payload.length;
    events.relayed(routeName, false, payload.length);
    link.sendPart(p.header().type(), payload, eom);
    inMessageToClient = !eom;
    if (!link.channel().isWritable()) {
      backend.setAutoRead(false);
    }
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

  /** The back side failed: the client gets an ERROR token saying what and what to do, then a close. */
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
    if (backendTimer != null) {
      backendTimer.cancel(false);
    }
    audit.backend(backend.peer(), backend.core().negotiated());
    audit.outcome("backend", e.getMessage());
    LOG.log(Level.WARNING, "conn from {0}: backend {1} failed: {2}", link.info().remote(), backend.peer(), e.describe());
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
    if (ended) {
      return;
    }
    if (backend != null) {
      backend.close();
    }
    end("client", reason);
  }

  private void end(String side, String reason) {
    ended = true;
    if (backendTimer != null) {
      backendTimer.cancel(false);
    }
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
