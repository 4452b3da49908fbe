package io.tdstls.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.Executor;
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

  private volatile ServerConfig config;
  /** Accepts and serves: the listening channel is on one of these loops too (see {@link LocalFirstChooser}). */
  private final EventLoopGroup workers;
  private final LocalFirstChooser chooser = new LocalFirstChooser();
  private final Channel channel;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger nextSpid = new AtomicInteger(51);
  private final PreLoginBudget preLoginBudget;

  private TdsServer(ServerConfig config) throws InterruptedException {
    this.config = config;
    this.preLoginBudget = new PreLoginBudget(config.preLoginBudget());
    // One group for accepting and serving: a connection stays on the loop that accepted it while that
    // loop is not busier than the others, so a login is not handed to another thread (a wake-up per login).
    this.workers = new NioEventLoopGroup(0, (Executor) null, chooser, SelectorProvider.provider(),
        DefaultSelectStrategyFactory.INSTANCE);
    ServerBootstrap b = new ServerBootstrap()
        .group(workers, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            chooser.track(ch);
            ch.pipeline().addLast(new TdsChannelHandler(TdsServer.this.config, active, preLoginBudget,
                nextSpid.getAndUpdate(s -> s >= 32000 ? 51 : s + 1)));
          }
        });
    long every = config.reloadCheckInterval().toMillis();
    workers.scheduleAtFixedRate(() -> this.config.certificateReloader().ifPresent(java.util.function.BooleanSupplier::getAsBoolean),
        every, every, TimeUnit.MILLISECONDS);
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
   * Replaces the settings for new connections; open connections keep the ones they started with.
   * Everything but the listening address can change this way: certificates, policies, session
   * handlers (users), limits, events. The certificate files of the new settings are watched from
   * now on.
   *
   * @param next the new settings
   * @throws IllegalArgumentException if {@code next} listens on another host or port (that needs a
   *     restart); the port configured at start and the port bound both count as the same
   */
  public void reconfigure(ServerConfig next) {
    ServerConfig current = this.config;
    if (!next.host().equals(current.host()) || (next.port() != current.port() && next.port() != port())) {
      throw new IllegalArgumentException("the listening address " + current.host() + ":" + current.port()
          + " cannot change to " + next.host() + ":" + next.port() + " without a restart");
    }
    this.config = next;
  }

  /**
   * Stops accepting connections and waits, up to a timeout, for the open ones to end on their own.
   * Call {@link #close()} afterwards to close whatever is still open.
   *
   * @param timeout how long to wait for open connections
   * @return the number of connections still open when the wait ended (0 if all finished)
   * @throws InterruptedException if interrupted while waiting
   */
  public int drain(java.time.Duration timeout) throws InterruptedException {
    channel.close().syncUninterruptibly();
    long end = System.nanoTime() + timeout.toNanos();
    while (active.get() > 0 && System.nanoTime() - end < 0) {
      Thread.sleep(20);
    }
    return active.get();
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
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
