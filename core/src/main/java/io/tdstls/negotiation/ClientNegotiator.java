package io.tdstls.negotiation;

import io.tdstls.error.EncryptionNotSupportedException;
import io.tdstls.tls.TlsFailures;
import io.tdstls.error.EncryptionRequiredException;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.tls.ClientEngineFactory;
import io.tdstls.protocol.encryption.ClientOutcome;
import io.tdstls.protocol.encryption.EncryptionTable;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The client role of the TDS encryption negotiation, as a state machine with no I/O: bytes from
 * the server go in through {@link #receive(ByteBuffer)}, bytes for the server come out of each
 * call. An adapter (blocking socket, Netty channel, or a test pumping two peers in memory) moves
 * the bytes.
 *
 * <p>The states are those of [MS-TDS] 3.2.5 ({@link ClientState}). In TDS 7.x the client sends
 * PRELOGIN in clear, decides the outcome from the server's ENCRYPTION reply ({@link
 * EncryptionTable#clientOutcome}), runs the TLS handshake inside PRELOGIN packets, then sends
 * LOGIN7: its first packet in TLS and the rest in clear for login-only, everything in TLS for full
 * encryption. In TDS 8.0 strict mode TLS comes first and everything travels inside it.
 *
 * <p>Downgrade protection: a client whose mode requires encryption never sends LOGIN7 outside
 * TLS, whatever the server (or a man in the middle) answers. Any error moves the machine to
 * {@link ClientState#FINAL}, where it stays: every later call throws the same error.
 */
public final class ClientNegotiator {

  private static final System.Logger LOG = System.getLogger(ClientNegotiator.class.getName());

  private final EncryptMode mode;
  private final PreLogin preLogin;
  private final TlsEngineSource engines;
  private final LoginMessageSource login;
  private LoginMethod method;
  private final TdsStream stream;
  private ClientState state = ClientState.START;
  private TlsEngineDriver tls;
  private PreLogin serverPreLogin;
  private Outcome outcome;
  private TlsInfo tlsInfo;
  private TdsException failure;

  /**
   * Creates the client side of one connection.
   *
   * @param mode the encryption mode
   * @param preLogin the PRELOGIN to send; its ENCRYPTION option is set from the mode
   * @param engines creates the client {@link SSLEngine} for the path taken
   * @param login supplies LOGIN7 once the outcome is known
   * @param maxMessageSize the largest message accepted from the server, in bytes
   */
  public ClientNegotiator(
      EncryptMode mode, PreLogin preLogin, TlsEngineSource engines, LoginMessageSource login, int maxMessageSize) {
    this(mode, preLogin, engines, login, maxMessageSize, LoginMethod.SQL_PASSWORD);
  }

  /**
   * Creates the client side of one connection whose LOGIN7 is not known yet (a relay, which
   * connects when its own client's PRELOGIN arrives): the negotiation stops in {@link
   * ClientState#NEGOTIATED}, and the caller then sends LOGIN7 with {@link #sendLogin7(LoginMethod,
   * byte[])}.
   *
   * @param mode the encryption mode
   * @param preLogin the PRELOGIN to send; its ENCRYPTION option is set from the mode
   * @param engines creates the client {@link SSLEngine} for the path taken
   * @param maxMessageSize the largest message accepted from the server, in bytes
   */
  public ClientNegotiator(EncryptMode mode, PreLogin preLogin, TlsEngineSource engines, int maxMessageSize) {
    this.method = LoginMethod.SQL_PASSWORD;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.preLogin = preLogin.withEncryption(mode.preloginValue());
    this.engines = Objects.requireNonNull(engines, "engines");
    this.login = null;
    this.stream = new TdsStream(maxMessageSize);
  }

  /**
   * Creates the client side of one connection that authenticates with the given method.
   *
   * @param mode the encryption mode
   * @param preLogin the PRELOGIN to send; its ENCRYPTION option is set from the mode
   * @param engines creates the client {@link SSLEngine} for the path taken
   * @param login supplies LOGIN7 once the outcome is known
   * @param maxMessageSize the largest message accepted from the server, in bytes
   * @param method the authentication method; all but {@link LoginMethod#SQL_PASSWORD} are refused,
   *     before LOGIN7 is sent, unless the session is fully encrypted
   */
  public ClientNegotiator(EncryptMode mode, PreLogin preLogin, TlsEngineSource engines, LoginMessageSource login,
      int maxMessageSize, LoginMethod method) {
    this.method = Objects.requireNonNull(method, "method");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.preLogin = preLogin.withEncryption(mode.preloginValue());
    this.engines = Objects.requireNonNull(engines, "engines");
    this.login = Objects.requireNonNull(login, "login");
    this.stream = new TdsStream(maxMessageSize);
  }

  /**
   * Returns the current state.
   *
   * @return the state
   */
  public ClientState state() {
    return state;
  }

  /**
   * Starts the connection: the PRELOGIN packet (TDS 7.x) or the TLS ClientHello (strict).
   *
   * @return the bytes to send
   * @throws TdsException if the TLS engine cannot be created
   */
  public byte[] start() throws TdsException {
    expect(ClientState.START);
    try {
      if (mode == EncryptMode.STRICT) {
        startTls(TlsNegotiationMode.STRICT);
        stream.handshakeStep(tls, false);
        moveTo(ClientState.STRICT_TLS_HANDSHAKE);
      } else {
        stream.send(new TdsMessage(PacketType.PRELOGIN, preLogin.encode()));
        moveTo(ClientState.SENT_PRELOGIN);
      }
      return stream.takeOutbound();
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  /**
   * Consumes bytes from the server.
   *
   * @param in the bytes received; consumed completely
   * @return the bytes to send in answer, possibly none
   * @throws TdsException on any protocol, TLS or negotiation error (the state becomes FINAL)
   */
  public byte[] receive(ByteBuffer in) throws TdsException {
    CollectedBytes out = new CollectedBytes();
    receive(in, out);
    return out.bytes();
  }

  /**
   * Consumes bytes from the server, handing the answer to a sink instead of returning a copy.
   *
   * @param in the bytes received; consumed completely (a view of the adapter's buffer will do)
   * @param out receives the bytes to send in answer, if any
   * @throws TdsException on any protocol, TLS or negotiation error (the state becomes FINAL)
   */
  public void receive(ByteBuffer in, ByteSink out) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    try {
      switch (state) {
        case STRICT_TLS_HANDSHAKE:
          onStrictHandshake(in);
          break;
        case SENT_PRELOGIN:
          stream.receive(in);
          onPreLoginResponse();
          break;
        case SENT_TLS_NEGOTIATION:
          onTlsNegotiation(in);
          break;
        case NEGOTIATED:
        case SENT_LOGIN7:
        case SENT_LOGIN7_SPNEGO:
        case SENT_LOGIN7_FEDAUTH_INFO_REQUEST:
        case LOGGED_IN:
          stream.receive(in);
          break;
        default:
          throw new IllegalStateException("receive() before start()");
      }
      stream.drainOutbound(out);
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  private void onStrictHandshake(ByteBuffer in) throws SSLException, TdsException {
    tls.feed(in);
    if (!stream.handshakeStep(tls, false)) {
      return;
    }
    tlsInfo = TlsInfo.of(tls.engine());
    if (!tlsInfo.alpn().isEmpty() && !tlsInfo.alpn().equals(ClientEngineFactory.ALPN_TDS_8)) {
      throw new TlsHandshakeException("the strict server selected the ALPN protocol '" + tlsInfo.alpn() + "', not "
          + ClientEngineFactory.ALPN_TDS_8 + ": it is not speaking TDS 8.0",
          "check the host and port: this endpoint serves another protocol over TLS", null);
    }
    engines.handshakeCompleted(tls.engine());
    stream.encryptWith(tls, true);
    stream.send(new TdsMessage(PacketType.PRELOGIN, preLogin.encode()));
    moveTo(ClientState.SENT_PRELOGIN);
    stream.receive(ByteBuffer.allocate(0)); // records that arrived with the last flight
    onPreLoginResponse();
  }

  private void onPreLoginResponse() throws SSLException, TdsException {
    TdsMessage m = stream.poll();
    if (m == null) {
      return;
    }
    if (m.type() != PacketType.TABULAR_RESULT && m.type() != PacketType.PRELOGIN) {
      throw new TdsProtocolException("PRELOGIN response", "expected a PRELOGIN reply, got a " + m.type() + " message", 0);
    }
    serverPreLogin = PreLogin.decode(m.payload());
    if (mode == EncryptMode.STRICT) {
      outcome = Outcome.STRICT; // the ENCRYPTION byte inside TLS is ignored
      sendLogin();
      return;
    }
    EncryptionValue reply = serverPreLogin.encryption().orElseThrow(() ->
        new TdsProtocolException("PRELOGIN response", "the server's reply has no ENCRYPTION option", -1));
    ClientOutcome decision = EncryptionTable.clientOutcome(preLogin.encryption().orElseThrow(), reply);
    if (decision.failed()) {
      throw negotiationFailure(decision);
    }
    outcome = decision.outcome();
    LOG.log(Level.DEBUG, "mode {0}: server answered {1}, outcome {2}", mode.label(), reply, outcome.label());
    if (outcome == Outcome.NONE) {
      sendLogin();
      return;
    }
    startTls(TlsNegotiationMode.POST_PRE_LOGIN);
    moveTo(ClientState.SENT_TLS_NEGOTIATION);
    stream.handshakeStep(tls, true);
  }

  private TdsException negotiationFailure(ClientOutcome decision) {
    switch (decision.failure()) {
      case ENCRYPTION_REQUIRED:
        return new EncryptionRequiredException(decision.reason(),
            "set the encryption mode to optional, mandatory or strict (FreeTDS: encryption = request or require)", null);
      case ENCRYPTION_NOT_SUPPORTED:
        return new EncryptionNotSupportedException(decision.reason(),
            "install a certificate on the server, or (only on a trusted network) lower the encryption mode to optional", null);
      default:
        return new TdsProtocolException("PRELOGIN response", decision.reason(), -1);
    }
  }

  private void onTlsNegotiation(ByteBuffer in) throws SSLException, TdsException {
    while (in.hasRemaining() && !tls.handshakeDone()) {
      Packet p = stream.nextPacket(in);
      if (p == null) {
        return;
      }
      PacketType type = p.header().type();
      if (type != PacketType.PRELOGIN && type != PacketType.TABULAR_RESULT) {
        throw new TdsProtocolException("TLS negotiation", "expected TLS handshake data in a PRELOGIN packet, got " + type, 0);
      }
      tls.feed(ByteBuffer.wrap(p.payload()));
      stream.handshakeStep(tls, true);
    }
    if (!tls.handshakeDone()) {
      return;
    }
    if (tls.staged() > 0 || in.hasRemaining()) {
      throw new TdsProtocolException("TLS negotiation", "unexpected data after the server's last handshake message", -1);
    }
    tlsInfo = TlsInfo.of(tls.engine());
    engines.handshakeCompleted(tls.engine());
    stream.encryptWith(tls, false);
    sendLogin();
  }

  private void sendLogin() throws SSLException, TdsException {
    if (login == null) {
      moveTo(ClientState.NEGOTIATED);
      return;
    }
    sendLogin(login.login7(outcome, serverPreLogin));
  }

  /**
   * Sends LOGIN7 once the caller has it, after the negotiation stopped in {@link
   * ClientState#NEGOTIATED} (see {@link #ClientNegotiator(EncryptMode, PreLogin, TlsEngineSource,
   * int)}). The same checks apply as for a LOGIN7 from a {@link LoginMessageSource}: a method other
   * than {@link LoginMethod#SQL_PASSWORD} is refused unless the whole session is encrypted.
   *
   * @param method how the LOGIN7 authenticates (it decides the login state entered)
   * @param login7 the LOGIN7 payload
   * @return the bytes to send
   * @throws TdsException if the login may not be sent on this session (the state becomes FINAL)
   * @throws IllegalStateException if not in state NEGOTIATED
   */
  public byte[] sendLogin7(LoginMethod method, byte[] login7) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    expect(ClientState.NEGOTIATED);
    this.method = Objects.requireNonNull(method, "method");
    try {
      sendLogin(login7);
      return stream.takeOutbound();
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  private void sendLogin(byte[] login7) throws SSLException, TdsException {
    if (mode.requiresEncryption() && !outcome.encryptsLogin()) {
      // Unreachable through the table; kept as the last line of downgrade protection.
      throw new EncryptionNotSupportedException("refusing to send LOGIN7 without encryption in mode " + mode.label(),
          "the server did not negotiate encryption; check for a man in the middle", null);
    }
    if (method.requiresFullEncryption() && !outcome.encryptsSession()) {
      throw new EncryptionRequiredException("refusing to send a " + method.label() + " login with " + outcome.label()
          + " encryption: the messages after LOGIN7 (or the token) would cross the network in clear",
          "use encrypt=mandatory or strict, with a server that encrypts the whole session", null);
    }
    TdsMessage message = new TdsMessage(PacketType.LOGIN7, login7);
    if (outcome == Outcome.LOGIN_ONLY) {
      stream.sendFirstPacketEncryptedThenDropTls(message);
    } else {
      stream.send(message);
    }
    stream.allowInboundPacketSize(32767);
    moveTo(method.loginState());
  }

  /**
   * Sends a message that continues the login: an SSPI message (packet type 0x11) in the SPNEGO
   * state, or the FEDAUTH_TOKEN message (0x08) in the information-request state.
   *
   * @param message the message
   * @return the bytes to send
   * @throws TdsException if the connection has failed
   * @throws IllegalStateException if the message type does not fit the state
   */
  public byte[] sendLoginContinuation(TdsMessage message) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    boolean fits = state == ClientState.SENT_LOGIN7_SPNEGO && message.type() == PacketType.SSPI
        || state == ClientState.SENT_LOGIN7_FEDAUTH_INFO_REQUEST && message.type() == PacketType.FEDAUTH_TOKEN;
    if (!fits) {
      throw new IllegalStateException("a " + message.type() + " message does not continue a login in state " + state);
    }
    if (!stream.encrypted()) {
      throw fail(new EncryptionRequiredException("refusing to send a " + message.type() + " message in clear",
          "use encrypt=mandatory or strict", null));
    }
    try {
      stream.send(message);
      return stream.takeOutbound();
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    }
  }

  /**
   * Returns the authentication method.
   *
   * @return the method given at construction
   */
  public LoginMethod loginMethod() {
    return method;
  }

  private void startTls(TlsNegotiationMode path) throws TdsException {
    SSLEngine engine = engines.newEngine(path, path == TlsNegotiationMode.POST_PRE_LOGIN && outcome == Outcome.LOGIN_ONLY);
    engine.setUseClientMode(true);
    tls = new TlsEngineDriver(engine);
  }

  /**
   * Returns the next complete message from the server (the login response, then responses to
   * requests), or {@code null} if none is complete yet.
   *
   * @return the message, or {@code null}
   */
  public TdsMessage poll() {
    return stream.poll();
  }

  /**
   * Switches how responses are delivered: whole messages through {@link #poll()} (the default), or
   * each packet on its own through {@link #pollPacket()}, for a response too large to hold in
   * memory. Switch only between messages.
   *
   * @param packets {@code true} for packet-by-packet delivery
   * @throws IllegalStateException if part of a message has been received, or packets are still
   *     queued when switching back
   * @throws TdsException if bytes that arrived after the streamed message (framed as messages again
   *     when switching back) are malformed; the state becomes FINAL
   */
  public void deliverPackets(boolean packets) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    try {
      stream.deliverPackets(packets);
    } catch (TdsProtocolException e) {
      throw fail(e);
    }
  }

  /**
   * Returns the next packet from the server while {@link #deliverPackets(boolean)} is on.
   *
   * @return the packet (its header tells whether it ends the message), or {@code null} if none is
   *     complete yet
   */
  public Packet pollPacket() {
    return stream.pollPacket();
  }

  /**
   * Hands the next packet from the server to {@code reader} without copying it, while {@link
   * #deliverPackets(boolean)} is on: the payload is a view of the input buffer, so reading a
   * large response allocates nothing per packet.
   *
   * <pre>{@code
   * while (core.readPacket((header, payload) -> digest.update(payload))) {
   *   // until no complete packet is left; then receive more bytes
   * }
   * }</pre>
   *
   * @param reader takes the packet
   * @return whether a packet was read; {@code false} if none is complete yet
   * @throws TdsException what the reader throws (the state becomes FINAL)
   */
  public boolean readPacket(PacketReader reader) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    try {
      return stream.readPacket(reader);
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  /**
   * Records that the server accepted the login (the caller found LOGINACK in the response).
   *
   * @param packetSize the packet size from the server's ENVCHANGE (or the size requested when
   *     the server sent none); capped at 16383 when the session is encrypted
   */
  public void loginAccepted(int packetSize) {
    expect(method.loginState());
    int size = stream.encrypted() ? Math.min(packetSize, 16383) : packetSize;
    stream.setPacketSize(Math.max(512, Math.min(size, 32767)));
    moveTo(ClientState.LOGGED_IN);
  }

  /**
   * Sends a request.
   *
   * @param message the request, for example an SQL batch
   * @return the bytes to send
   * @throws TdsException if the connection has failed
   */
  public byte[] send(TdsMessage message) throws TdsException {
    CollectedBytes out = new CollectedBytes();
    send(message, out);
    return out.bytes();
  }

  /**
   * Sends a request, handing the bytes to a sink instead of returning a copy.
   *
   * @param message the request
   * @param out receives the bytes to send
   * @throws TdsException if the connection has failed
   */
  public void send(TdsMessage message, ByteSink out) throws TdsException {
    if (state == ClientState.FINAL) {
      throw failure;
    }
    expect(ClientState.LOGGED_IN);
    try {
      stream.send(message);
      stream.drainOutbound(out);
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    }
  }

  /**
   * Moves to {@link ClientState#FINAL} with an error found by the caller (a refused login, a
   * timeout, a closed transport).
   *
   * @param error the error
   * @return the same error, for {@code throw core.fail(e)}
   */
  public TdsException fail(TdsException error) {
    if (failure == null) {
      failure = error;
      LOG.log(Level.DEBUG, "{0} -> FINAL: {1}", state, error.getMessage());
      state = ClientState.FINAL;
    }
    return failure;
  }

  /**
   * Returns what was negotiated, once the outcome is known.
   *
   * @return the negotiated security, or {@code null} before the PRELOGIN response
   */
  public NegotiatedSecurity negotiated() {
    return outcome == null ? null : new NegotiatedSecurity(outcome, preLogin, serverPreLogin, tlsInfo);
  }

  /**
   * Returns the current packet size.
   *
   * @return 4096 before login, then the negotiated size
   */
  public int packetSize() {
    return stream.packetSize();
  }

  /**
   * Tells whether bytes of an incomplete packet, message or TLS record are held.
   *
   * @return whether input is partially received
   */
  public boolean hasPartialInput() {
    return stream.hasPartialInput();
  }

  private void expect(ClientState expected) {
    if (state != expected) {
      throw new IllegalStateException("expected state " + expected + ", was " + state);
    }
  }

  private void moveTo(ClientState next) {
    LOG.log(Level.DEBUG, "{0} -> {1}", state, next);
    state = next;
  }
}
