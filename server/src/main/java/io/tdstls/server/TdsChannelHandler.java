package io.tdstls.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.ServerNegotiator;
import io.tdstls.negotiation.ServerState;
import io.tdstls.protocol.packet.TdsMessage;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty adapter of one connection: moves bytes between the channel and a {@link
 * ServerNegotiator}, and hands LOGIN7 and requests to the connection's {@link SessionHandler}.
 * Everything runs on the channel's event loop.
 */
final class TdsChannelHandler extends ChannelInboundHandlerAdapter {

  private static final System.Logger LOG = System.getLogger(TdsServer.class.getName());

  private final ServerConfig config;
  private final AtomicInteger active;
  private final int spid;
  private final ServerNegotiator negotiator;
  private SessionHandler session;
  private ScheduledFuture<?> loginTimer;
  private ResponseStream streaming;
  private boolean counted;
  private boolean closeLogged;

  TdsChannelHandler(ServerConfig config, AtomicInteger active, int spid) {
    this.config = config;
    this.active = active;
    this.spid = spid;
    this.negotiator = new ServerNegotiator(config.policy(), config.preLogin(), config.engines(), config.maxMessageSize());
    this.negotiator.setSpid(spid);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (active.incrementAndGet() > config.maxConnections()) {
      active.decrementAndGet();
      LOG.log(Level.WARNING, "conn {0} from {1}: refused, {2} connections already open",
          spid, ctx.channel().remoteAddress(), config.maxConnections());
      ctx.close();
      return;
    }
    counted = true;
    loginTimer = ctx.executor().schedule(() -> {
      if (negotiator.state() != ServerState.LOGGED_IN) {
        LOG.log(Level.WARNING, "conn {0} from {1}: closed, no login within {2} (state {3})",
            spid, ctx.channel().remoteAddress(), config.loginTimeout(), negotiator.state());
        closeLogged = true;
        ctx.close();
      }
    }, config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      ByteBuffer in = ByteBuffer.allocate(buf.readableBytes());
      buf.readBytes(in);
      in.flip();
      write(ctx, negotiator.receive(in));
      switch (negotiator.state()) {
        case FINAL:
          closeAfterFlush(ctx, negotiator.failure());
          break;
        case LOGIN7_RECEIVED:
          if (session == null) {
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
    } catch (TdsException e) {
      closeAfterFlush(ctx, e);
    } finally {
      buf.release();
    }
  }

  private void login(ChannelHandlerContext ctx) throws TdsException {
    TdsMessage login7 = negotiator.poll();
    session = config.sessions().get();
    if (session instanceof RelaySessionHandler) {
      ((RelaySessionHandler) session).relayLogin(login7, new Link(ctx));
      return;
    }
    LoginAnswer answer = session.login(login7, info(ctx));
    write(ctx, negotiator.send(answer.response()));
    if (!answer.accepted()) {
      closeAfterFlush(ctx, null);
      return;
    }
    negotiator.loginAccepted(answer.packetSize());
    logLoggedIn(ctx);
  }

  private void logLoggedIn(ChannelHandlerContext ctx) {
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    NegotiatedSecurity s = negotiator.negotiated();
    LOG.log(Level.INFO, "conn {0} from {1}: logged in, {2}{3}", spid, ctx.channel().remoteAddress(),
        s.outcome().label(), s.tlsInfo().map(t -> ", " + t.protocol() + " " + t.cipherSuite()
            + (t.alpn().isEmpty() ? "" : ", alpn " + t.alpn()) + (t.sniHostName().isEmpty() ? "" : ", sni " + t.sniHostName()))
            .orElse(""));
  }

  private void serveRequests(ChannelHandlerContext ctx) throws TdsException {
    if (negotiator.state() != ServerState.LOGGED_IN) {
      return;
    }
    TdsMessage request;
    while (streaming == null && (request = negotiator.poll()) != null) {
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
        write(ctx, negotiator.send(response));
      }
    }
  }

  /** Sends pieces of the current response stream while the channel is writable. */
  private void pumpStream(ChannelHandlerContext ctx) throws TdsException {
    while (streaming != null && ctx.channel().isWritable()) {
      byte[] piece = streaming.next();
      boolean end = piece == null;
      write(ctx, negotiator.sendPart(streaming.type(), end ? new byte[0] : piece, end));
      if (end) {
        streaming = null;
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (session instanceof RelaySessionHandler && ctx.channel().isWritable()) {
      ((RelaySessionHandler) session).clientWritable();
    }
    if (streaming == null || !ctx.channel().isWritable()) {
      return;
    }
    try {
      pumpStream(ctx);
      serveRequests(ctx);
    } catch (TdsException e) {
      closeAfterFlush(ctx, e);
    }
  }

  private ConnectionInfo info(ChannelHandlerContext ctx) {
    return new ConnectionInfo(spid, ctx.channel().remoteAddress(), ctx.channel().localAddress(), negotiator.negotiated());
  }

  private static void write(ChannelHandlerContext ctx, byte[] bytes) {
    if (bytes.length > 0) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
  }

  private void closeAfterFlush(ChannelHandlerContext ctx, TdsException reason) {
    closeLogged = true;
    if (reason != null) {
      LOG.log(Level.INFO, "conn {0} from {1}: closed: {2}", spid, ctx.channel().remoteAddress(), reason.getMessage());
    }
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.WARNING, "conn " + spid + " from " + ctx.channel().remoteAddress() + ": closed on error", cause);
    closeLogged = true;
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    streaming = null;
    if (session instanceof RelaySessionHandler) {
      ((RelaySessionHandler) session).clientClosed(closeLogged ? "closed by the server" : "the client closed the connection");
    }
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    if (counted && !closeLogged && negotiator.state() != ServerState.LOGGED_IN) {
      LOG.log(Level.INFO, "conn {0} from {1}: the client closed the connection in state {2}, before logging in",
          spid, ctx.channel().remoteAddress(), negotiator.state());
    }
    if (counted) {
      active.decrementAndGet();
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
      write(ctx, negotiator.sendPart(type, piece, endOfMessage));
    }

    @Override
    public void loginAccepted(int packetSize) {
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
      LOG.log(Level.INFO, "conn {0} from {1}: closed: {2}", spid, ctx.channel().remoteAddress(), reason);
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
