package io.tdstls.bench.jmh;

import io.tdstls.bench.fixture.BenchPki;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.ClientNegotiator;
import io.tdstls.negotiation.ClientState;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.ServerNegotiator;
import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.ServerState;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.negotiation.TlsEngineSource;
import io.tdstls.negotiation.TlsNegotiationMode;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.negotiation.BufferLendingSink;
import io.tdstls.negotiation.PacketReader;
import io.tdstls.client.tls.OpenSslClientEngineFactory;
import io.tdstls.server.OpenSslEngineSource;
import io.tdstls.tls.TlsVersion;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The steady-state data path in memory, without sockets: one operation is a piece of a streamed
 * result ({@value #PIECE} bytes, {@value #PACKETS} packets of 4096 bytes) sent by the server core
 * ({@code sendPart} into a reused sink that lends its buffer, as the Netty adapter does) and received by the client core, which reads every packet
 * in place ({@code readPacket}). Bytes allocated per operation divided by {@value #PACKETS} are the
 * garbage per relayed packet, both ends together.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DataPathBenchmark {

  /** Packets per operation. */
  public static final int PACKETS = 16;
  /** Payload bytes per operation: {@value #PACKETS} full 4096-byte packets. */
  public static final int PIECE = PACKETS * (4096 - 8);

  /** The encryption mode: OFF (clear), MANDATORY (7.x full, TLS 1.2) or STRICT (TLS 1.3). */
  @Param({"OFF", "MANDATORY", "STRICT"})
  public String mode;

  /** The TLS implementation of both cores: the JDK's SSLEngine, or OpenSSL (netty-tcnative BoringSSL). */
  @Param({"JDK", "OPENSSL"})
  public String provider;

  private ClientNegotiator client;
  private ServerNegotiator server;
  private final byte[] piece = new byte[PIECE];
  private ByteBuffer wire = ByteBuffer.allocate(PIECE * 2);
  private long payloadBytes;
  /** Counts what the client reads; a field, so that no reader object is allocated per packet. */
  private final PacketReader countPayload = (header, payload) -> payloadBytes += payload.remaining();
  private boolean filledInPlace;

  /**
   * The server adapter's sink: lends the wire buffer (clear packets are written straight into it,
   * as the Netty adapter's pooled direct buffer), and takes TLS records as a copy.
   */
  private final BufferLendingSink toWire = new BufferLendingSink() {
    @Override
    public ByteBuffer borrow(int capacity) {
      if (wire.capacity() < capacity) {
        wire = ByteBuffer.allocate(capacity);
      }
      wire.clear();
      return wire;
    }

    @Override
    public void giveBack(ByteBuffer borrowed) {
      wire.clear();
    }

    @Override
    public void write(ByteBuffer bytes) {
      if (bytes == wire) {
        filledInPlace = true; // already flipped
        return;
      }
      if (wire.remaining() < bytes.remaining()) {
        wire = ByteBuffer.allocate(wire.capacity() * 2 + bytes.remaining());
      }
      wire.put(bytes);
    }
  };

  /** Creates the benchmark state (JMH does). */
  public DataPathBenchmark() {}

  /**
   * Logs a client core in to a server core in memory.
   *
   * @throws Exception if the certificates or the login fail
   */
  @Setup
  public void login() throws Exception {
    BenchPki pki = BenchPki.generate(Files.createTempDirectory("tds-tls-jmh"));
    SSLContext serverContext = pki.serverContext();
    SSLContext clientContext = pki.clientContext();
    TlsEngineSource serverEngines = path -> configure(serverContext.createSSLEngine(), path, false);
    TlsEngineSource clientEngines = path -> configure(clientContext.createSSLEngine("127.0.0.1", 1433), path, true);
    if (provider.equals("OPENSSL")) {
      serverEngines = OpenSslEngineSource.create(pki.serverTls());
      OpenSslClientEngineFactory openSslClient = OpenSslClientEngineFactory.create(
          pki.clientTls(TlsVersion.TLS_1_3).mode(EncryptMode.valueOf(mode)).build());
      clientEngines = path -> openSslClient.newEngine("127.0.0.1", 1433, path, false);
    }
    client = new ClientNegotiator(EncryptMode.valueOf(mode), PreLogin.of(new Version(1, 0, 0, 0)), clientEngines,
        outcome -> new byte[200], 1 << 20);
    server = new ServerNegotiator(new ServerPolicy(ServerEncryption.AVAILABLE, ClientCertPolicy.MS_TDS,
        StrictPolicy.ALLOWED), PreLogin.of(new Version(16, 0, 0, 0)).withInstance("").withMars(false), serverEngines,
        1 << 20);
    byte[] toServer = client.start();
    byte[] toClient = new byte[0];
    for (int round = 0; round < 100 && client.state() != ClientState.LOGGED_IN; round++) {
      toClient = concat(toClient, server.receive(ByteBuffer.wrap(toServer)));
      toServer = new byte[0];
      if (server.state() == ServerState.LOGIN7_RECEIVED) {
        server.poll();
        toClient = concat(toClient, server.send(new TdsMessage(PacketType.TABULAR_RESULT, new byte[10])));
        server.loginAccepted(4096);
      }
      toServer = client.receive(ByteBuffer.wrap(toClient));
      toClient = new byte[0];
      if (client.state() == ClientState.SENT_LOGIN7 && client.poll() != null) {
        client.loginAccepted(4096);
      }
    }
    if (client.state() != ClientState.LOGGED_IN) {
      throw new IllegalStateException("login failed in mode " + mode + ": client " + client.state());
    }
    client.deliverPackets(true);
  }

  private static SSLEngine configure(SSLEngine e, TlsNegotiationMode path, boolean clientMode) {
    e.setUseClientMode(clientMode);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(path == TlsNegotiationMode.POST_PRE_LOGIN ? new String[] {"TLSv1.2"} : new String[] {"TLSv1.3"});
    if (clientMode && path == TlsNegotiationMode.STRICT) {
      p.setApplicationProtocols(new String[] {"tds/8.0"});
    }
    e.setSSLParameters(p);
    if (!clientMode && path == TlsNegotiationMode.STRICT) {
      e.setHandshakeApplicationProtocolSelector((engine, offered) -> offered.contains("tds/8.0") ? "tds/8.0" : null);
    }
    return e;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /**
   * Sends one piece from the server core and reads its packets on the client core.
   *
   * @return the payload bytes read so far
   * @throws TdsException never (both cores are healthy)
   */
  @Benchmark
  public long relayPiece() throws TdsException {
    wire.clear();
    filledInPlace = false;
    server.sendPart(PacketType.TABULAR_RESULT, piece, false, toWire);
    if (!filledInPlace) {
      wire.flip(); // TLS records were copied in (a lent buffer comes back flipped)
    }
    client.receive(wire, bytes -> { });
    while (client.readPacket(countPayload)) {
      // every packet of the piece
    }
    return payloadBytes;
  }
}
