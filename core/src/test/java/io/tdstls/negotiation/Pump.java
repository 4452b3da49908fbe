package io.tdstls.negotiation;

import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Pumps a client and a server core against each other in one thread, delivering bytes in chunks
 * of a given size, recording everything each side put on the wire, with an optional tampering
 * hook on the server-to-client direction (rustls-test's transfer_altered).
 */
final class Pump {

  static final String PASSWORD_MARKER = "S3cr3t-P@ssw0rd-marker";
  static final PreLogin SERVER_PRELOGIN = PreLogin.of(new Version(16, 0, 1000, 0)).withInstance("").withMars(false);

  final ClientNegotiator client;
  final ServerNegotiator server;
  final ByteArrayOutputStream clientWire = new ByteArrayOutputStream();
  final ByteArrayOutputStream serverWire = new ByteArrayOutputStream();
  private final int chunk;
  private UnaryOperator<byte[]> serverToClientFilter = UnaryOperator.identity();
  TdsException clientError;
  private int loginPacketSize = 4096;
  TdsException serverError;
  private final LoginMethod method;
  /** The type of the message that continued the login on the server, if any. */
  PacketType continuationType;
  /** The client state seen when the server's challenge arrived. */
  ClientState stateAtChallenge;

  Pump(EncryptMode mode, ServerPolicy policy, int chunk) {
    this(mode, policy, chunk, TestTls.clientEngines(), TestTls.serverEngines(), LoginMethod.SQL_PASSWORD);
  }

  /** With a login method: SSPI and the information request get one challenge and one continuation. */
  Pump(EncryptMode mode, ServerPolicy policy, int chunk, LoginMethod method) {
    this(mode, policy, chunk, TestTls.clientEngines(), TestTls.serverEngines(), method);
  }

  Pump(EncryptMode mode, ServerPolicy policy, int chunk, TlsEngineSource clientEngines, TlsEngineSource serverEngines) {
    this(mode, policy, chunk, clientEngines, serverEngines, LoginMethod.SQL_PASSWORD);
  }

  Pump(EncryptMode mode, ServerPolicy policy, int chunk, TlsEngineSource clientEngines, TlsEngineSource serverEngines,
      LoginMethod method) {
    this.chunk = chunk;
    this.method = method;
    this.client = new ClientNegotiator(mode, PreLogin.of(new Version(1, 0, 0, 0)), clientEngines,
        outcome -> ("LOGIN7 with password " + PASSWORD_MARKER + " outcome " + outcome).getBytes(StandardCharsets.UTF_8),
        1 << 20, method);
    this.server = new ServerNegotiator(policy, SERVER_PRELOGIN, serverEngines, 1 << 20);
  }

  Pump withLoginPacketSize(int size) {
    this.loginPacketSize = size;
    return this;
  }

  Pump tamperServerToClient(UnaryOperator<byte[]> filter) {
    this.serverToClientFilter = filter;
    return this;
  }

  /** Runs until the client is logged in, or either side has failed. */
  Pump run() {
    try {
      queueToServer(client.start());
      for (int round = 0; round < 2_000_000 && clientError == null; round++) {
        deliver();
        if (clientError != null) {
          return this;
        }
        if (server.state() == ServerState.LOGIN7_RECEIVED) {
          TdsMessage login = server.poll();
          if (login == null) {
            throw new AssertionError("server has no LOGIN7");
          }
          boolean continues = method == LoginMethod.SSPI || method == LoginMethod.FEDAUTH_INFO_REQUEST;
          if (login.type() == PacketType.LOGIN7 && continues) {
            queueToClient(server.send(new TdsMessage(PacketType.TABULAR_RESULT, "CHALLENGE".getBytes(StandardCharsets.UTF_8))));
            server.awaitLoginContinuation();
            continue;
          }
          if (login.type() != PacketType.LOGIN7) {
            continuationType = login.type();
          }
          queueToClient(server.send(new TdsMessage(PacketType.TABULAR_RESULT, "LOGINACK".getBytes(StandardCharsets.UTF_8))));
          server.loginAccepted(loginPacketSize);
          continue;
        }
        TdsMessage answer = client.state() == method.loginState() ? client.poll() : null;
        if (answer != null && new String(answer.payload(), StandardCharsets.UTF_8).equals("CHALLENGE")) {
          stateAtChallenge = client.state();
          PacketType type = method == LoginMethod.SSPI ? PacketType.SSPI : PacketType.FEDAUTH_TOKEN;
          queueToServer(client.sendLoginContinuation(new TdsMessage(type, ("ANSWER " + PASSWORD_MARKER)
              .getBytes(StandardCharsets.UTF_8))));
        } else if (answer != null) {
          client.loginAccepted(loginPacketSize);
        }
        if (client.state() == ClientState.LOGGED_IN) {
          return this;
        }
        if (server.state() == ServerState.FINAL && toClient.isEmpty()) {
          // The server closed the connection: the client sees the transport close.
          clientError = client.fail(new TdsConnectionException("the server closed the connection", "", null));
          return this;
        }
        if (toServer.isEmpty() && toClient.isEmpty()) {
          throw new AssertionError("stalled: client " + client.state() + ", server " + server.state());
        }
      }
    } catch (TdsException e) {
      throw new AssertionError(e);
    }
    return this;
  }

  /** A request and its response, once logged in. */
  String roundTrip(String request) throws TdsException {
    queueToServer(client.send(new TdsMessage(PacketType.SQL_BATCH, request.getBytes(StandardCharsets.UTF_8))));
    TdsMessage got = null;
    while (got == null && !toServer.isEmpty()) {
      deliver();
      got = server.poll();
    }
    String text = new String(got.payload(), StandardCharsets.UTF_8);
    queueToClient(server.send(new TdsMessage(PacketType.TABULAR_RESULT, ("echo " + text).getBytes(StandardCharsets.UTF_8))));
    TdsMessage back = null;
    while (back == null && !toClient.isEmpty()) {
      deliver();
      back = client.poll();
    }
    return new String(back.payload(), StandardCharsets.UTF_8);
  }

  private final ByteQueue toServer = new ByteQueue();
  private final ByteQueue toClient = new ByteQueue();

  /** Bytes in flight in one direction. */
  private static final class ByteQueue {
    private byte[] buf = new byte[0];
    private int head;

    void add(byte[] bytes) {
      byte[] next = new byte[buf.length - head + bytes.length];
      System.arraycopy(buf, head, next, 0, buf.length - head);
      System.arraycopy(bytes, 0, next, buf.length - head, bytes.length);
      buf = next;
      head = 0;
    }

    boolean isEmpty() {
      return head == buf.length;
    }

    byte[] take(int n) {
      int len = Math.min(n, buf.length - head);
      byte[] out = java.util.Arrays.copyOfRange(buf, head, head + len);
      head += len;
      return out;
    }

    void clear() {
      head = buf.length;
    }
  }

  private void queueToServer(byte[] bytes) {
    clientWire.write(bytes, 0, bytes.length);
    toServer.add(bytes);
  }

  private void queueToClient(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    bytes = serverToClientFilter.apply(bytes);
    serverWire.write(bytes, 0, bytes.length);
    toClient.add(bytes);
  }

  /** Delivers one chunk in each direction. */
  private void deliver() {
    if (!toServer.isEmpty() && serverError == null && server.state() != ServerState.FINAL) {
      try {
        queueToClient(server.receive(ByteBuffer.wrap(take(toServer))));
      } catch (TdsException e) {
        serverError = e;
      }
    } else if (server.state() == ServerState.FINAL) {
      toServer.clear();
    }
    if (!toClient.isEmpty() && clientError == null) {
      try {
        queueToServer(client.receive(ByteBuffer.wrap(take(toClient))));
      } catch (TdsException e) {
        clientError = e;
      }
    }
  }

  private byte[] take(ByteQueue q) {
    return q.take(chunk);
  }

  boolean passwordInClearOnWire() {
    return new String(clientWire.toByteArray(), StandardCharsets.ISO_8859_1).contains(PASSWORD_MARKER);
  }
}
