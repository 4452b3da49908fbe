package io.tdstls.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsTimeoutException;
import io.tdstls.negotiation.ClientNegotiator;
import io.tdstls.negotiation.ClientState;
import io.tdstls.negotiation.LoginMethod;
import io.tdstls.negotiation.PacketReader;
import io.tdstls.protocol.packet.TdsMessage;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The back side of one relayed connection: a non-blocking Netty adapter over the {@link
 * ClientNegotiator}, on the event loop of its front connection. It reports the backend's PRELOGIN
 * reply, its answers during login (SSPI tokens, FEDAUTHINFO, then LOGINACK or an error), then every
 * packet the backend sends, to its {@link RelaySession}. The negotiation runs as soon as TCP is up;
 * LOGIN7 goes out once both it and the negotiated encryption are there.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {

  private final ClientNegotiator core;
  private final RelaySession owner;
  private final String peer;
  /** Hands each packet read in place to the owner (made once, not per read). */
  private final PacketReader toOwner;
  private Channel channel;
  private boolean loggedIn;
  private boolean ended;
  private boolean tcpUp;
  private boolean negotiated;
  private boolean preLoginReported;
  private LoginMethod pendingMethod;
  private byte[] pendingLogin7;

  private BackendConnection(ClientNegotiator core, RelaySession owner, String peer) {
    this.core = core;
    this.owner = owner;
    this.peer = peer;
    this.toOwner = owner::backendPacket;
  }

  /**
   * Connects to the backend; the negotiation starts once TCP is up.
   *
   * @param loop the front connection's event loop
   * @return the connection (its failures reach the owner)
   */
  static BackendConnection open(EventLoop loop, String host, int port, Duration timeout, ClientNegotiator core,
      RelaySession owner) {
    BackendConnection c = new BackendConnection(core, owner, host + ":" + port);
    Bootstrap b = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .handler(c);
    c.channel = b.connect(host, port).addListener(f -> {
      if (!f.isSuccess()) {
        c.fail(connectFailure(c.peer, timeout, f.cause()));
      }
    }).channel();
    return c;
  }

  private static TdsException connectFailure(String peer, Duration timeout, Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return new TdsTimeoutException("no TCP connection to the backend " + peer + " within " + timeout,
          "check that the backend is running and reachable from the gateway; raise --backend-timeout", cause);
    }
    if (cause instanceof ConnectException) {
      return new TdsConnectionException("the backend " + peer + " refused the TCP connection",
          "check --backend (host and port) and that the backend server is running and accepts TCP/IP", cause);
    }
    if (cause instanceof UnknownHostException) {
      return new TdsConnectionException("the backend host of " + peer + " is unknown", "check the --backend host name", cause);
    }
    return new TdsConnectionException("cannot connect to the backend " + peer + ": " + cause.getMessage(),
        "check --backend and the network between the gateway and the backend", cause);
  }

  String peer() {
    return peer;
  }

  Channel channel() {
    return channel;
  }

  ClientNegotiator core() {
    return core;
  }

  boolean loggedIn() {
    return loggedIn;
  }

  /**
   * Tells whether TCP is up and the TLS handshake or PRELOGIN is not finished yet.
   *
   * @return whether a failure now is a failed handshake
   */
  boolean handshaking() {
    return tcpUp && !negotiated;
  }

  /**
   * Tells whether the negotiation finished (encryption negotiated; LOGIN7 may follow later).
   *
   * @return whether the backend was reached
   */
  boolean negotiated() {
    return negotiated;
  }

  /** Tells the owner once that the negotiation finished (encryption negotiated). */
  private void checkNegotiated() {
    ClientState st = core.state();
    if (!negotiated && st != ClientState.FINAL && st.ordinal() >= ClientState.NEGOTIATED.ordinal()) {
      negotiated = true;
      owner.backendNegotiated();
    }
  }

  /**
   * Sends LOGIN7 once the negotiation with the backend is done (at once if it is).
   *
   * @param method how the LOGIN7 authenticates; a token or SSPI login is refused by the core
   *     unless the backend session is fully encrypted
   */
  void login(LoginMethod method, byte[] login7) {
    pendingMethod = method;
    pendingLogin7 = login7;
    try {
      sendPendingLogin();
    } catch (TdsException e) {
      fail(e);
    }
  }

  private void sendPendingLogin() throws TdsException {
    if (pendingLogin7 != null && core.state() == ClientState.NEGOTIATED) {
      byte[] login7 = pendingLogin7;
      pendingLogin7 = null;
      write(core.sendLogin7(pendingMethod, login7));
    }
  }

  /** Relays an SSPI or FEDAUTH_TOKEN message from the client that continues the login. */
  void sendLoginContinuation(TdsMessage message) throws TdsException {
    write(core.sendLoginContinuation(message));
  }

  /** Switches to packet-by-packet delivery once the backend accepted the login. */
  void loginAccepted(int packetSize) throws TdsException {
    core.loginAccepted(packetSize);
    core.deliverPackets(true);
    loggedIn = true;
  }

  /** Sends a client message to the backend, re-split at the backend's packet size. */
  void send(TdsMessage message) throws TdsException {
    write(core.send(message));
  }

  void setAutoRead(boolean on) {
    channel.config().setAutoRead(on);
  }

  /** Closes without reporting to the owner (the other side ended first). */
  void close() {
    ended = true;
    channel.close();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    tcpUp = true;
    try {
      write(core.start());
      checkNegotiated();
    } catch (TdsException e) {
      fail(e);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      owner.countFromBackend(buf.readableBytes());
      // a view, neither allocated nor copied per read: the core consumes it before buf is released
      write(core.receive(buf.nioBuffer()));
      checkNegotiated();
      deliver();
    } catch (TdsException e) {
      fail(e);
    } finally {
      buf.release();
    }
  }

  private void deliver() throws TdsException {
    if (!preLoginReported && core.negotiated() != null) {
      preLoginReported = true;
      owner.backendPreLogin(core.negotiated().serverPreLogin());
    }
    if (ended) {
      return;
    }
    sendPendingLogin();
    TdsMessage response;
    while (!loggedIn && !ended && core.state() == core.loginMethod().loginState() && (response = core.poll()) != null) {
      owner.backendLoginResponse(response);
    }
    if (!loggedIn || ended) {
      return;
    }
    boolean relayed = false;
    while (!ended && core.readPacket(toOwner)) { // in place: the owner copies the payload once
      relayed = true;
    }
    if (relayed) {
      owner.flushToClient(); // the packets of this read leave in one write, not one per packet
    }
  }

  private void write(byte[] bytes) {
    if (bytes.length > 0) {
      owner.countToBackend(bytes.length);
      channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      owner.backendWritable();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(new TdsConnectionException("the connection to the backend " + peer + " failed: " + cause.getMessage(),
        "the backend reset the connection; its log may say why", cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ended) {
      fail(new TdsConnectionException("the backend " + peer + " closed the connection " + during(),
          advice(), null));
    }
  }

  private String during() {
    switch (core.state()) {
      case STRICT_TLS_HANDSHAKE:
        return "during the strict (TDS 8.0) TLS handshake";
      case SENT_PRELOGIN:
        return "before answering PRELOGIN";
      case SENT_TLS_NEGOTIATION:
        return "during the TLS handshake inside PRELOGIN";
      case NEGOTIATED:
        return "after the encryption handshake, before LOGIN7 was relayed";
      case SENT_LOGIN7:
      case SENT_LOGIN7_SPNEGO:
      case SENT_LOGIN7_FEDAUTH_INFO_REQUEST:
        return loggedIn ? "in the middle of the session" : "before answering LOGIN7";
      default:
        return "in the middle of the session";
    }
  }

  private String advice() {
    switch (core.state()) {
      case STRICT_TLS_HANDSHAKE:
        return "the backend may not support strict encryption (TDS 8.0): set --backend-encrypt mandatory";
      case SENT_TLS_NEGOTIATION:
        return "the backend refused the TLS versions or cipher suites offered: check --backend-tls-min/--backend-tls-max";
      case SENT_PRELOGIN:
        return "check that --backend points at a SQL Server (TDS) port";
      default:
        return "the backend stopped or was restarted; its log says why; reconnect";
    }
  }

  private void fail(TdsException e) {
    if (ended) {
      return;
    }
    ended = true;
    core.fail(e);
    channel.close();
    owner.backendFailed(e);
  }

  /** Ends the backend side on the gateway's own timer. */
  void timeout(Duration limit, String waitingFor) {
    fail(new TdsTimeoutException("the backend " + peer + " did not complete the login within " + limit + " (state "
        + core.state() + ", waiting for " + waitingFor + ")",
        "check that --backend points at a SQL Server that answers; raise --backend-timeout", null));
  }
}
