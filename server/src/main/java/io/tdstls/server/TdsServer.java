package io.tdstls.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TDS server endpoint on Netty. Every connection gets its own {@link
 * io.tdstls.negotiation.ServerNegotiator} (TDS 7.x and strict on the same port, told apart by the
 * first byte) and its own {@link SessionHandler}.
 *
 * <pre>{@code
 * try (TdsServer server = TdsServer.start(ServerConfig.builder()
 *     .engines(serverTls)
 *     .sessions(() -> myHandler)
 *     .build())) {
 *   int port = server.port();
 *   ...
 * }
 * }</pre>
 */
public final class TdsServer implements AutoCloseable {

  private final ServerConfig config;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger nextSpid = new AtomicInteger(51);
  private final PreLoginBudget preLoginBudget;

  private TdsServer(ServerConfig config) throws InterruptedException {
    this.config = config;
    this.preLoginBudget = new PreLoginBudget(config.preLoginBudget());
    this.boss = new NioEventLoopGroup(1);
    this.workers = new NioEventLoopGroup();
    ServerBootstrap b = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new TdsChannelHandler(config, active, preLoginBudget, nextSpid.getAndUpdate(s -> s >= 32000 ? 51 : s + 1)));
          }
        });
    config.certificateReloader().ifPresent(reload -> {
      long every = config.reloadCheckInterval().toMillis();
      boss.scheduleAtFixedRate(reload::getAsBoolean, every, every, TimeUnit.MILLISECONDS);
    });
    try {
      this.channel = b.bind(config.host(), config.port()).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      shutdown();
      throw e;
    }
  }

  /**
   * Starts a server.
   *
   * @param config the settings
   * @return the running server
   * @throws InterruptedException if interrupted while binding
   */
  public static TdsServer start(ServerConfig config) throws InterruptedException {
    return new TdsServer(config);
  }

  /**
   * Returns the port the server listens on (useful with an ephemeral port).
   *
   * @return the port
   */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Returns the settings.
   *
   * @return the configuration
   */
  public ServerConfig config() {
    return config;
  }

  /**
   * Returns the number of open connections.
   *
   * @return connections currently open
   */
  public int activeConnections() {
    return active.get();
  }

  /**
   * Returns the bytes of unfinished input held for connections that have not logged in yet, which
   * {@link ServerConfig#preLoginBudget()} bounds.
   *
   * @return bytes
   */
  public long unauthenticatedBufferedBytes() {
    return preLoginBudget.used();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
