package io.tdstls.gateway;

import io.tdstls.error.TdsException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.negotiation.ClientNegotiator;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsEngineSource;
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
 * One relayed connection: the front's LOGIN7 starts a backend connection on the same event loop;
 * its login response goes back to the client, then every message is relayed both ways with
 * back-pressure (a side whose peer cannot take more stops reading).
 */
final class RelaySession implements RelaySessionHandler {

  private static final System.Logger LOG = System.getLogger(TdsGateway.class.getName());
  /** The largest message accepted from the backend while logging in (the login response). */
  private static final int MAX_LOGIN_RESPONSE = 4 << 20;
  /** The server name in the gateway's own ERROR tokens. */
  private static final String GATEWAY_NAME = "tds-tls-gateway";

  private final GatewayConfig config;
  private final ClientEngines backendTls;
  private ClientLink link;
  private BackendConnection backend;
  private AuditLine audit;
  private byte[] login7;
  private int requestedPacketSize;
  private int redirects;
  private boolean inMessageToClient;
  private boolean ended;
  private ScheduledFuture<?> backendTimer;

  RelaySession(GatewayConfig config, ClientEngines backendTls) {
    this.config = config;
    this.backendTls = backendTls;
  }

  @Override
  public void relayLogin(TdsMessage message, ClientLink link) throws TdsException {
    this.link = link;
    this.audit = new AuditLine(link.info().remote(), config.backendInsecure());
    NegotiatedSecurity front = link.info().security();
    audit.front(front);
    if (config.frontPolicy().strict() == StrictPolicy.REQUIRED && (front == null || front.outcome() != Outcome.STRICT)) {
      audit.outcome("front", "refused: a TDS 7.x login where strict is required (17819)");
      link.send(ClientErrors.strictRequired(GATEWAY_NAME));
      end("front", "strict required, the client logged in over TDS 7.x");
      return;
    }
    audit.outcome("front", "negotiated");
    byte[] payload = message.payload();
    Login7 login = Login7.decode(payload);
    audit.login(login.userName(), login.appName(), login.database());
    requestedPacketSize = login.packetSize();
    login7 = LoginRelay.translate(payload, config.backendTls().mode() == EncryptMode.STRICT);
    connect(config.backendHost(), config.backendPort());
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
    ClientNegotiator core = new ClientNegotiator(config.backendTls().mode(), preLogin, engines,
        outcome -> login7.clone(), MAX_LOGIN_RESPONSE);
    backend = BackendConnection.open(link.channel().eventLoop(), host, port, config.backendTimeout(), core, this);
    BackendConnection current = backend;
    // an OpenSSL engine's native memory is freed when the backend connection closes, not at some later GC
    current.channel().closeFuture().addListener(f -> {
      if (made[0] != null) {
        backendTls.release(made[0]);
      }
    });
    long limit = config.backendTimeout().toMillis();
    backendTimer = link.channel().eventLoop().schedule(() -> {
      if (backend == current && !current.loggedIn()) {
        current.timeout(config.backendTimeout());
      }
    }, limit, TimeUnit.MILLISECONDS);
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
      link.send(response); // the backend's own ERROR token
      end("backend", "the backend refused the login (" + answer.error().number() + ")");
      return;
    }
    backendTimer.cancel(false);
    audit.outcome("backend", "logged in");
    backend.loginAccepted(answer.packetSize());
    link.send(response);
    NegotiatedSecurity front = link.info().security();
    boolean frontEncrypted = front != null && front.outcome().encryptsSession();
    link.loginAccepted(frontEncrypted ? Math.min(answer.packetSize(), 16383) : answer.packetSize());
  }

  private void follow(EnvChange.Routing routing) {
    String target = routing.alternateServer();
    int backslash = target.indexOf('\\');
    String host = backslash < 0 ? target : target.substring(0, backslash);
    backendTimer.cancel(false);
    backend.close();
    if (++redirects > 5) {
      backendFailed(new TdsConnectionException("the backend redirected the login more than 5 times",
          "the backends redirect in a loop; check their routing configuration", null));
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
    if (ended) {
      return;
    }
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
    link.close("the " + side + " side ended: " + reason);
  }
}
