package io.tdstls.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.ByteSink;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.ServerNegotiator;
import io.tdstls.negotiation.ServerState;
import io.tdstls.protocol.packet.TdsMessage;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty adapter of one connection: moves bytes between the channel and a {@link
 * ServerNegotiator}, and hands LOGIN7 and requests to the connection's {@link SessionHandler}.
 * Everything runs on the channel's event loop.
 *
 * <p>Back-pressure: while the channel's outbound buffer is above its high-water mark ({@link
 * ServerConfig#writeBufferHighWaterMark()}), no further request is answered and the channel stops
 * reading ({@code autoRead} off), as SQL Server stops reading a session that does not consume its
 * results; below the low-water mark it answers the requests already received and reads again. A
 * client that pipelines requests and never reads thus costs a bounded amount of memory.
 */
final class TdsChannelHandler extends ChannelInboundHandlerAdapter {

  private static final System.Logger LOG = System.getLogger(TdsServer.class.getName());

  private final ServerConfig config;
  private final AtomicInteger active;
  private final PreLoginBudget budget;
  private long reserved;
  private final int spid;
  private final ServerNegotiator negotiator;
  private SessionHandler session;
  private ScheduledFuture<?> loginTimer;
  private ResponseStream streaming;
  private boolean counted;
  private boolean closeLogged;
  /** Why the connection ended, as logged, when the server knows (it closed it, or a reset); else {@code null}. */
  private String closeReason;
  private boolean loginReplyPending;
  private final ServerEvents events;
  private final long openedAt = System.nanoTime();
  private long bytesIn;
  private long bytesOut;
  private boolean negotiatedTold;
  private ChannelOutput output;
  private boolean preLoginRelayed;
  private Link link;

  TdsChannelHandler(ServerConfig config, AtomicInteger active, PreLoginBudget budget, int spid) {
    this.config = config;
    this.active = active;
    this.budget = budget;
    this.spid = spid;
    this.negotiator = new ServerNegotiator(config.policy(), config.preLogin(), config.engines(), config.maxMessageSize(),
        config.preLoginBufferLimit());
    this.negotiator.setSpid(spid);
    this.events = config.events();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (active.incrementAndGet() > config.maxConnections()) {
      active.decrementAndGet();
      LOG.log(Level.WARNING, "conn {0} from {1}: refused, {2} connections already open",
          spid, ctx.channel().remoteAddress(), config.maxConnections());
      events.connectionRefused(ctx.channel().remoteAddress(), config.maxConnections());
      ctx.close();
      return;
    }
    counted = true;
    events.connectionOpened(spid, ctx.channel().remoteAddress());
    loginTimer = ctx.executor().schedule(() -> {
      if (negotiator.state() != ServerState.LOGGED_IN) {
        LOG.log(Level.WARNING, "conn {0} from {1}: closed, no login within {2} (state {3})",
            spid, ctx.channel().remoteAddress(), config.loginTimeout(), negotiator.state());
        closeLogged = true;
        closeReason = "closed by the server: no login within " + config.loginTimeout();
        events.failed(spid, TdsException.Kind.TIMEOUT, !negotiatedTold);
        ctx.close();
      }
    }, config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      bytesIn += buf.readableBytes();
      if (session == null && negotiator.state() == ServerState.AWAIT_FIRST_BYTE) {
        session = config.sessions().get();
        if (session instanceof RelaySessionHandler && ((RelaySessionHandler) session).backendKnownAtPrelogin()) {
          negotiator.deferPreLoginReply(); // answered when the relay's backend answers (Link.answerPreLogin)
        }
      }
      negotiator.receive(buf.nioBuffer(), out(ctx)); // a view: the negotiator consumes it before buf is released
      ctx.flush();
      afterInput(ctx);
    } catch (TdsException e) {
      closeAfterFlush(ctx, e);
    } finally {
      buf.release();
    }
  }

  /** Acts on the negotiator's state after input (or after a relay's deferred PRELOGIN reply). */
  private void afterInput(ChannelHandlerContext ctx) throws TdsException {
    tellNegotiated();
    if (!reserveForUnauthenticatedInput(ctx)) {
      return;
    }
    switch (negotiator.state()) {
      case FINAL:
        closeAfterFlush(ctx, negotiator.failure());
        break;
      case AWAIT_PRELOGIN_REPLY:
        if (!preLoginRelayed) {
          preLoginRelayed = true;
          ((RelaySessionHandler) session).relayPreLogin(negotiator.clientPreLogin(), link(ctx));
        }
        break;
      case LOGIN7_RECEIVED:
        if (session instanceof RelaySessionHandler) {
          relayLoginMessage(ctx); // the login goes on when the backend answers
        } else {
          login(ctx);
        }
        serveRequests(ctx);
        break;
      case LOGGED_IN:
        serveRequests(ctx);
        break;
      default:
        break;
    }
    pauseReadingIfBacklogged(ctx);
  }

  /** Hands LOGIN7, or an SSPI or FEDAUTH_TOKEN message continuing it, to the relaying session. */
  private void relayLoginMessage(ChannelHandlerContext ctx) throws TdsException {
    TdsMessage m = negotiator.poll(); // in LOGIN7_RECEIVED: only a login message not yet handed over
    if (m == null) {
      return;
    }
    RelaySessionHandler relay = (RelaySessionHandler) session;
    if (m.type() == io.tdstls.protocol.packet.PacketType.LOGIN7) {
      // The jTDS quirk holds back the answer to LOGIN7; a relayed answer can be as fast as ours (a
      // backend opened at PRELOGIN), so the LOGIN7 itself waits before it goes on.
      long delay = ClientQuirks.loginReplyDelayMillis(m, negotiator.negotiated().outcome());
      if (delay > 0) {
        ctx.executor().schedule(() -> {
          try {
            relay.relayLogin(m, link(ctx));
          } catch (TdsException e) {
            closeAfterFlush(ctx, e);
          }
        }, delay, TimeUnit.MILLISECONDS);
        return;
      }
      relay.relayLogin(m, link(ctx));
    } else {
      relay.relayLoginContinuation(m);
    }
  }

  private Link link(ChannelHandlerContext ctx) {
    if (link == null) {
      link = new Link(ctx);
    }
    return link;
  }

  /** Stops reading while answers wait in the outbound buffer above the high-water mark. */
  private static void pauseReadingIfBacklogged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable() && ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  /**
   * Until the login is accepted, keeps this connection's share of the server's pre-login budget
   * equal to the input it holds; closes the connection if the budget cannot take it.
   */
  private boolean reserveForUnauthenticatedInput(ChannelHandlerContext ctx) {
    long wanted = negotiator.state() == ServerState.LOGGED_IN || negotiator.state() == ServerState.FINAL
        ? 0 : negotiator.bufferedInputBytes();
    if (budget.resize(reserved, wanted)) {
      reserved = wanted;
      return true;
    }
    LOG.log(Level.WARNING, "conn {0} from {1}: closed before login: holding {2} bytes would exceed the server''s"
        + " pre-login budget of {3} bytes for all unauthenticated connections ({4} in use)",
        spid, ctx.channel().remoteAddress(), wanted, budget.limit(), budget.used());
    releaseReservation();
    closeLogged = true;
    closeReason = "closed by the server: holding more bytes before login would exceed the pre-login budget";
    ctx.close();
    return false;
  }

  private void releaseReservation() {
    budget.resize(reserved, 0);
    reserved = 0;
  }

  private void login(ChannelHandlerContext ctx) throws TdsException {
    TdsMessage login7 = negotiator.poll();
    if (session == null) { // an SSPI or FEDAUTH_TOKEN message continues the same session's login
      session = config.sessions().get();
    }
    LoginAnswer answer = session.login(login7, info(ctx));
    if (answer.continues()) {
      write(ctx, negotiator.send(answer.response()));
      negotiator.awaitLoginContinuation();
      if (negotiator.state() == ServerState.LOGIN7_RECEIVED) {
        login(ctx); // the continuation arrived with the previous message
      } else if (negotiator.state() == ServerState.FINAL) {
        closeAfterFlush(ctx, negotiator.failure());
      }
      return;
    }
    events.loggedIn(spid, answer.accepted(), java.time.Duration.ofNanos(System.nanoTime() - openedAt));
    long delay = answer.accepted() ? ClientQuirks.loginReplyDelayMillis(login7, negotiator.negotiated().outcome()) : 0;
    if (delay > 0) {
      byte[] response = negotiator.send(answer.response());
      // Requests sent meanwhile wait, so that answers keep their order.
      loginReplyPending = true;
      ctx.executor().schedule(() -> {
        loginReplyPending = false;
        write(ctx, response);
        try {
          serveRequests(ctx);
        } catch (TdsException e) {
          closeAfterFlush(ctx, e);
        }
      }, delay, TimeUnit.MILLISECONDS);
    } else {
      negotiator.send(answer.response(), out(ctx));
      ctx.flush();
    }
    if (!answer.accepted()) {
      closeAfterFlush(ctx, null);
      return;
    }
    negotiator.loginAccepted(answer.packetSize());
    logLoggedIn(ctx);
  }

  private void logLoggedIn(ChannelHandlerContext ctx) {
    releaseReservation();
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    if (!LOG.isLoggable(Level.INFO)) {
      return; // the line's text costs more than the rest of a login in clear: build it only when logged
    }
    NegotiatedSecurity s = negotiator.negotiated();
    LOG.log(Level.INFO, "conn {0} from {1}: logged in, {2}{3}", spid, ctx.channel().remoteAddress(),
        s.outcome().label(), s.tlsInfo().map(t -> ", " + t.protocol() + " " + t.cipherSuite()
            + (t.alpn().isEmpty() ? "" : ", alpn " + t.alpn()) + (t.sniHostName().isEmpty() ? "" : ", sni " + t.sniHostName()))
            .orElse(""));
  }

  private void serveRequests(ChannelHandlerContext ctx) throws TdsException {
    if (negotiator.state() != ServerState.LOGGED_IN || loginReplyPending) {
      return;
    }
    TdsMessage request;
    while (streaming == null && ctx.channel().isWritable() && (request = negotiator.poll()) != null) {
      if (session instanceof RelaySessionHandler) {
        ((RelaySessionHandler) session).relayRequest(request);
        continue;
      }
      ResponseStream stream = session instanceof StreamingSessionHandler
          ? ((StreamingSessionHandler) session).stream(request, info(ctx)) : null;
      if (stream != null) {
        streaming = stream;
        pumpStream(ctx);
        continue;
      }
      for (TdsMessage response : session.request(request, info(ctx))) {
        negotiator.send(response, out(ctx));
      }
      ctx.flush();
    }
  }

  /** Sends pieces of the current response stream while the channel is writable. */
  private void pumpStream(ChannelHandlerContext ctx) throws TdsException {
    ByteSink out = out(ctx);
    while (streaming != null && ctx.channel().isWritable()) {
      byte[] piece = streaming.next();
      boolean end = piece == null;
      negotiator.sendPart(streaming.type(), end ? new byte[0] : piece, end, out);
      if (end) {
        streaming = null;
      }
    }
    ctx.flush(); // one gathering write for the pieces queued since the last flush
  }

  /** Queues what the negotiator produces on the channel in pooled direct buffers ({@link ChannelOutput}); flush separately. */
  private ByteSink out(ChannelHandlerContext ctx) {
    if (output == null) {
      output = new ChannelOutput(ctx);
    }
    return output;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (session instanceof RelaySessionHandler && ctx.channel().isWritable()) {
      ((RelaySessionHandler) session).clientWritable();
    }
    if (!ctx.channel().isWritable()) {
      pauseReadingIfBacklogged(ctx);
      return;
    }
    try {
      pumpStream(ctx);
      if (session != null) {
        serveRequests(ctx);
      }
      if (ctx.channel().isWritable() && negotiator.state() != ServerState.FINAL) {
        ctx.channel().config().setAutoRead(true);
      } else {
        pauseReadingIfBacklogged(ctx);
      }
    } catch (TdsException e) {
      closeAfterFlush(ctx, e);
    }
  }

  private ConnectionInfo info(ChannelHandlerContext ctx) {
    return new ConnectionInfo(spid, ctx.channel().remoteAddress(), ctx.channel().localAddress(), negotiator.negotiated());
  }

  /** Tells the events watcher once that the negotiation finished (LOGIN7 is awaited or here). */
  private void tellNegotiated() {
    ServerState st = negotiator.state();
    if (!negotiatedTold && (st == ServerState.AWAIT_LOGIN7 || st == ServerState.LOGIN7_RECEIVED
        || st == ServerState.LOGGED_IN)) {
      negotiatedTold = true;
      events.negotiated(spid, negotiator.negotiated());
    }
  }

  private void write(ChannelHandlerContext ctx, byte[] bytes) {
    if (bytes.length > 0) {
      bytesOut += bytes.length;
      ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
  }

  private void closeAfterFlush(ChannelHandlerContext ctx, TdsException reason) {
    closeLogged = true;
    if (reason != null) {
      closeReason = "closed by the server: " + reason.getMessage();
      events.failed(spid, reason.kind(), !negotiatedTold);
      LOG.log(Level.INFO, "conn {0} from {1}: closed: {2}", spid, ctx.channel().remoteAddress(), reason.getMessage());
    }
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (PeerHangUp.is(cause)) {
      LOG.log(Level.INFO, "conn {0} from {1}: the client reset the connection in state {2} ({3})",
          spid, ctx.channel().remoteAddress(), negotiator.state(), cause.getMessage());
    } else {
      LOG.log(Level.WARNING, "conn " + spid + " from " + ctx.channel().remoteAddress() + ": closed on error in state "
          + negotiator.state(), cause);
    }
    closeLogged = true;
    closeReason = PeerHangUp.is(cause) ? "the client reset the connection" : "closed on error: " + cause.getMessage();
    events.failed(spid, cause instanceof TdsException ? ((TdsException) cause).kind() : TdsException.Kind.CONNECTION,
        !negotiatedTold);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    streaming = null;
    if (session instanceof RelaySessionHandler) {
      ((RelaySessionHandler) session).clientClosed(closeReason != null ? closeReason
          : closeLogged ? "closed by the server" : "the client closed the connection", info(ctx));
    }
    releaseReservation();
    negotiator.close();
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    if (counted && !closeLogged && negotiator.state() != ServerState.LOGGED_IN) {
      LOG.log(Level.INFO, "conn {0} from {1}: the client closed the connection in state {2}, before logging in",
          spid, ctx.channel().remoteAddress(), negotiator.state());
    }
    if (counted) {
      active.decrementAndGet();
      events.connectionClosed(spid, bytesIn, bytesOut + (output == null ? 0 : output.written()));
    }
  }

  /** The {@link ClientLink} of a relaying session: the negotiator and channel of this connection. */
  private final class Link implements ClientLink {

    private final ChannelHandlerContext ctx;

    Link(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public io.netty.channel.Channel channel() {
      return ctx.channel();
    }

    @Override
    public ConnectionInfo info() {
      return TdsChannelHandler.this.info(ctx);
    }

    @Override
    public void send(TdsMessage message) throws TdsException {
      write(ctx, negotiator.send(message));
    }

    @Override
    public void sendPart(io.tdstls.protocol.packet.PacketType type, byte[] piece, boolean endOfMessage) throws TdsException {
      negotiator.sendPart(type, piece, endOfMessage, out(ctx)); // queued on the channel, flushed by flush()
    }

    @Override
    public void flush() {
      ctx.flush();
    }

    @Override
    public void answerPreLogin(io.tdstls.protocol.prelogin.PreLogin options) {
      try {
        negotiator.answerPreLogin(options, out(ctx));
        ctx.flush();
        afterInput(ctx);
      } catch (TdsException e) {
        closeAfterFlush(ctx, e);
      }
    }

    @Override
    public void awaitLoginContinuation() {
      negotiator.awaitLoginContinuation();
      // a continuation that already arrived is handed over after the caller's own step is done
      ctx.executor().execute(() -> {
        try {
          afterInput(ctx);
        } catch (TdsException e) {
          closeAfterFlush(ctx, e);
        }
      });
    }

    @Override
    public void loginAccepted(int packetSize) {
      events.loggedIn(spid, true, java.time.Duration.ofNanos(System.nanoTime() - openedAt));
      negotiator.loginAccepted(packetSize);
      logLoggedIn(ctx);
      try {
        serveRequests(ctx); // messages the client sent while the login was being relayed
      } catch (TdsException e) {
        closeAfterFlush(ctx, e);
      }
    }

    @Override
    public void close(String reason) {
      closeLogged = true;
      closeReason = "closed by the server: " + reason;
      LOG.log(Level.INFO, "conn {0} from {1}: closed: {2}", spid, ctx.channel().remoteAddress(), reason);
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
