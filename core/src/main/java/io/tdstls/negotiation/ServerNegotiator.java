package io.tdstls.negotiation;

import io.tdstls.error.EncryptionRequiredException;
import io.tdstls.tls.TlsFailures;
import io.tdstls.error.TdsException;
import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.encryption.ClientOutcome;
import io.tdstls.protocol.encryption.EncryptionTable;
import io.tdstls.protocol.encryption.Outcome;
import io.tdstls.protocol.encryption.ServerReply;
import io.tdstls.protocol.packet.Packet;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionLevel;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.error.TlsHandshakeException;
import io.tdstls.tls.ClientEngineFactory;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The server role of the TDS encryption negotiation, as a state machine with no I/O.
 *
 * <p>The first byte tells the protocols apart ([MS-TDS] 3.3.5.1): 0x12 starts TDS 7.x (PRELOGIN in
 * clear, answered by {@link EncryptionTable#serverReply}, then TLS inside PRELOGIN packets), 0x16
 * starts TDS 8.0 strict (TLS first, ALPN {@code tds/8.0} selected when offered; the {@link
 * AlpnPolicy} is applied to the ClientHello whatever the TLS provider), 0x10 is a LOGIN7
 * with no PRELOGIN (served in clear only where the policy allows cleartext). Anything else closes
 * the connection.
 *
 * <p>After each call, {@link #state()} tells the adapter what to do: in {@link ServerState#FINAL}
 * it writes the bytes returned (a last reply, if any), closes, and logs {@link #failure()}. In
 * {@link ServerState#LOGIN7_RECEIVED} the adapter takes LOGIN7 from {@link #poll()}, checks it,
 * answers with {@link #send(TdsMessage)} and calls {@link #loginAccepted(int)} (or closes).
 *
 * <p>For login-only encryption, the TLS layer is fed one record at a time and dropped as soon as
 * the first LOGIN7 packet is decrypted, so it never reads the cleartext that follows.
 */
public final class ServerNegotiator {

  private static final System.Logger LOG = System.getLogger(ServerNegotiator.class.getName());

  private final ServerPolicy policy;
  private final PreLogin replyTemplate;
  private final TlsEngineSource engines;
  private final TdsStream stream;
  private final int preLoginBufferLimit;
  private ServerState state = ServerState.AWAIT_FIRST_BYTE;
  private TlsEngineDriver tls;
  private boolean strict;
  private PreLogin clientPreLogin;
  private PreLogin serverPreLogin;
  private Outcome outcome;
  private TlsInfo tlsInfo;
  private TdsException failure;
  private TdsMessage pendingLogin;
  private ByteArrayOutputStream clientHello;
  private boolean deferPreLoginReply;

  /** A fatal TLS alert record: no_application_protocol (120), RFC 7301 3.2. */
  private static final byte[] NO_APPLICATION_PROTOCOL_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x78};
  private boolean engineReleased;

  /**
   * Creates the server side of one connection.
   *
   * @param policy how encryption is negotiated
   * @param replyTemplate the PRELOGIN the server answers with (its product version and options);
   *     the ENCRYPTION option is set by the table
   * @param engines creates the server {@link SSLEngine} for the path the client takes (never
   *     called when the policy's encryption is not supported)
   * @param maxMessageSize the largest message accepted from the client, in bytes
   */
  public ServerNegotiator(ServerPolicy policy, PreLogin replyTemplate, TlsEngineSource engines, int maxMessageSize) {
    this(policy, replyTemplate, engines, maxMessageSize, maxMessageSize);
  }

  /**
   * Creates the server side of one connection, with a tighter limit on what an unauthenticated
   * client may make it buffer.
   *
   * @param policy how encryption is negotiated
   * @param replyTemplate the PRELOGIN the server answers with; the ENCRYPTION option is set by the
   *     table
   * @param engines creates the server {@link SSLEngine} for the path the client takes
   * @param maxMessageSize the largest message accepted from the client, in bytes
   * @param preLoginBufferLimit the most bytes of unfinished input (a partial packet, message or
   *     TLS record) held until the login is accepted; beyond it {@link #receive} fails
   */
  public ServerNegotiator(ServerPolicy policy, PreLogin replyTemplate, TlsEngineSource engines, int maxMessageSize,
      int preLoginBufferLimit) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.replyTemplate = Objects.requireNonNull(replyTemplate, "replyTemplate");
    this.engines = Objects.requireNonNull(engines, "engines");
    if (preLoginBufferLimit <= 0) {
      throw new IllegalArgumentException("preLoginBufferLimit must be positive, was " + preLoginBufferLimit);
    }
    this.preLoginBufferLimit = preLoginBufferLimit;
    this.stream = new TdsStream(maxMessageSize);
  }

  /**
   * Defers the reply to the client's PRELOGIN: once it is in, the state becomes {@link
   * ServerState#AWAIT_PRELOGIN_REPLY} and the caller answers later with {@link
   * #answerPreLogin(PreLogin, ByteSink)} (a relay answering with its backend's options). Call it
   * before the first bytes arrive.
   *
   * @throws IllegalStateException if bytes were received already
   */
  public void deferPreLoginReply() {
    if (state != ServerState.AWAIT_FIRST_BYTE) {
      throw new IllegalStateException("expected state AWAIT_FIRST_BYTE, was " + state);
    }
    deferPreLoginReply = true;
  }

  /**
   * Returns the client's PRELOGIN once it arrived (from state {@link
   * ServerState#AWAIT_PRELOGIN_REPLY} on).
   *
   * @return the client's PRELOGIN, or {@code null} before it arrived (or when the client sent
   *     none)
   */
  public PreLogin clientPreLogin() {
    return clientPreLogin;
  }

  /**
   * Answers the client's PRELOGIN after {@link #deferPreLoginReply()}: the reply carries the
   * template's options (a backend's VERSION, INSTOPT, MARS, FEDAUTHREQUIRED, NONCE...) with the
   * ENCRYPTION byte this server's policy decides, and the negotiation goes on as if the reply had
   * been sent at once.
   *
   * @param template the options to answer with, or {@code null} for this server's own template
   * @param out receives the bytes to send
   * @throws TdsException if the reply ends the connection with an error (the state becomes FINAL)
   * @throws IllegalStateException if not in state AWAIT_PRELOGIN_REPLY
   */
  public void answerPreLogin(PreLogin template, ByteSink out) throws TdsException {
    if (state != ServerState.AWAIT_PRELOGIN_REPLY) {
      throw new IllegalStateException("expected state AWAIT_PRELOGIN_REPLY, was " + state);
    }
    try {
      decidePreLogin(template == null ? replyTemplate : template);
      if (state == ServerState.AWAIT_LOGIN7) {
        onLogin7(); // a LOGIN7 that came with PRELOGIN (strict, or no encryption)
      }
      checkPreLoginBuffer();
      stream.drainOutbound(out);
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  /**
   * Returns the current state.
   *
   * @return the state
   */
  public ServerState state() {
    return state;
  }

  /**
   * Consumes bytes from the client.
   *
   * @param in the bytes received; consumed completely
   * @return the bytes to send in answer, possibly none; when the state is then {@link
   *     ServerState#FINAL}, the adapter sends them and closes
   * @throws TdsException on a protocol or TLS error (the state becomes FINAL; nothing more is sent)
   */
  public byte[] receive(ByteBuffer in) throws TdsException {
    CollectedBytes out = new CollectedBytes();
    receive(in, out);
    return out.bytes();
  }

  /**
   * Consumes bytes from the client, handing the answer to a sink instead of returning a copy.
   *
   * @param in the bytes received; consumed completely (a view of the adapter's buffer will do)
   * @param out receives the bytes to send in answer, if any
   * @throws TdsException on a protocol or TLS error (the state becomes FINAL; nothing more is sent)
   */
  public void receive(ByteBuffer in, ByteSink out) throws TdsException {
    if (state == ServerState.FINAL) {
      return;
    }
    try {
      if (state == ServerState.AWAIT_FIRST_BYTE && in.hasRemaining()) {
        sniff(in.get(in.position()) & 0xFF);
      }
      switch (state) {
        case STRICT_TLS_HANDSHAKE:
          onStrictHandshake(in);
          break;
        case AWAIT_PRELOGIN:
          stream.receive(in);
          onPreLogin();
          break;
        case AWAIT_PRELOGIN_REPLY:
          stream.receive(in); // held until the reply is sent; a client waits for it before sending more
          break;
        case TLS_NEGOTIATION:
          onTlsNegotiation(in);
          break;
        case AWAIT_LOGIN7:
          stream.receive(in);
          onLogin7();
          break;
        case AWAIT_LOGIN_CONTINUATION:
          stream.receive(in);
          onLoginContinuation();
          break;
        case LOGIN7_RECEIVED:
        case LOGGED_IN:
          stream.receive(in);
          break;
        default:
          break;
      }
      checkPreLoginBuffer();
      stream.drainOutbound(out);
    } catch (SSLException e) {
      sendHandshakeAlert(out);
      throw fail(TlsFailures.classify(e));
    } catch (TdsException e) {
      throw fail(e);
    }
  }

  /**
   * When the handshake failed (a client certificate the CA did not issue, no common version or
   * cipher), sends the engine's fatal alert before the adapter closes, so the client reports the
   * alert instead of a dropped connection.
   */
  private void sendHandshakeAlert(ByteSink out) {
    boolean strictHandshake = state == ServerState.STRICT_TLS_HANDSHAKE;
    if (tls == null || (!strictHandshake && state != ServerState.TLS_NEGOTIATION)) {
      return;
    }
    try {
      stream.sendHandshakeAlert(tls, !strictHandshake);
      stream.drainOutbound(out);
    } catch (SSLException | RuntimeException ignored) {
      // nothing more can be sent: the adapter closes the connection
    }
  }

  private void checkPreLoginBuffer() throws TdsProtocolException {
    if (state == ServerState.LOGGED_IN || state == ServerState.FINAL) {
      return;
    }
    int held = bufferedInputBytes();
    if (held > preLoginBufferLimit) {
      throw new TdsProtocolException("pre-login input", "the client made the server hold " + held
          + " bytes of unfinished input before logging in, more than the pre-login limit of "
          + preLoginBufferLimit + " bytes", -1);
    }
  }

  /**
   * Returns how many bytes of unfinished input are held: a partial packet, an unfinished message,
   * TLS bytes short of a whole record. Until the login is accepted, this is what a peer that has
   * not authenticated makes the server keep.
   *
   * @return bytes held
   */
  public int bufferedInputBytes() {
    int handshake = tls != null && !stream.encrypted() ? tls.staged() : 0;
    return stream.bufferedInputBytes() + handshake;
  }

  private void sniff(int first) throws TdsException {
    if (first == PacketType.PRELOGIN.code()) {
      moveTo(ServerState.AWAIT_PRELOGIN);
    } else if (first == 0x16) {
      if (policy.strict() == StrictPolicy.DISABLED) {
        throw new TdsProtocolException("connection", "a TLS ClientHello (strict, TDS 8.0) arrived, but strict is disabled on this server", 0);
      }
      strict = true;
      clientHello = new ByteArrayOutputStream();
      tls = new TlsEngineDriver(serverEngine(TlsNegotiationMode.STRICT));
      moveTo(ServerState.STRICT_TLS_HANDSHAKE);
    } else if (first == PacketType.LOGIN7.code()) {
      if (!policy.allowsCleartextLogin()) {
        throw new EncryptionRequiredException("a LOGIN7 arrived without PRELOGIN, in clear, and this server requires encryption",
            "the client must negotiate encryption (PRELOGIN) or use strict", null);
      }
      outcome = Outcome.NONE;
      moveTo(ServerState.AWAIT_LOGIN7);
    } else {
      throw new TdsProtocolException("connection", String.format(
          "first byte 0x%02X is neither PRELOGIN (0x12), a TLS handshake (0x16) nor LOGIN7 (0x10)", first), 0);
    }
  }

  private SSLEngine serverEngine(TlsNegotiationMode path) throws TdsException {
    SSLEngine engine = engines.newEngine(path);
    engine.setUseClientMode(false);
    return engine;
  }

  private void onStrictHandshake(ByteBuffer in) throws SSLException, TdsException {
    if (clientHello != null) {
      in = checkAlpn(in);
      if (in == null) {
        return;
      }
    }
    tls.feed(in);
    if (!stream.handshakeStep(tls, false)) {
      return;
    }
    tlsInfo = TlsInfo.of(tls.engine());
    engines.handshakeCompleted(tls.engine());
    stream.encryptWith(tls, true);
    moveTo(ServerState.AWAIT_PRELOGIN);
    stream.receive(ByteBuffer.allocate(0)); // records that arrived with the client's last flight
    onPreLogin();
  }

  /**
   * Holds the first bytes of a strict connection until the ClientHello is complete, and applies
   * the ALPN policy to it: an offer without {@code tds/8.0} is always refused, a missing offer
   * when the policy requires ALPN. A refusal answers with the TLS alert {@code
   * no_application_protocol} (RFC 7301 3.2) before the TLS engine sees anything.
   *
   * @return all bytes held, to feed to the TLS engine, or {@code null} if waiting or refused
   */
  private ByteBuffer checkAlpn(ByteBuffer in) throws SSLException, TdsException {
    byte[] chunk = new byte[in.remaining()];
    in.get(chunk);
    clientHello.write(chunk, 0, chunk.length);
    byte[] held = clientHello.toByteArray();
    Optional<List<String>> offered = ClientHelloAlpn.offered(held);
    if (offered == null) {
      return null;
    }
    clientHello = null;
    String refusal = null;
    if (offered.isPresent() && !offered.get().contains(ClientEngineFactory.ALPN_TDS_8)) {
      refusal = "the strict client offered ALPN " + offered.get() + " without " + ClientEngineFactory.ALPN_TDS_8;
    } else if (offered.isEmpty() && policy.alpn() == AlpnPolicy.REQUIRED) {
      refusal = "the strict client offered no ALPN, and this server requires " + ClientEngineFactory.ALPN_TDS_8;
    }
    if (refusal == null) {
      return ByteBuffer.wrap(held);
    }
    stream.sendRaw(NO_APPLICATION_PROTOCOL_ALERT);
    failure = new TlsHandshakeException(refusal + ": refused with the TLS alert no_application_protocol",
        "the client must offer ALPN " + ClientEngineFactory.ALPN_TDS_8 + " (TDS 8.0 strict)", null);
    LOG.log(Level.DEBUG, "{0} -> FINAL: {1}", state, failure.getMessage());
    state = ServerState.FINAL;
    return null;
  }

  private void onPreLogin() throws SSLException, TdsException {
    TdsMessage m = stream.poll();
    if (m == null) {
      return;
    }
    if (m.type() != PacketType.PRELOGIN) {
      throw new TdsProtocolException("PRELOGIN", "expected PRELOGIN, got a " + m.type() + " message", 0);
    }
    clientPreLogin = PreLogin.decode(m.payload());
    if (deferPreLoginReply) {
      moveTo(ServerState.AWAIT_PRELOGIN_REPLY);
      return;
    }
    decidePreLogin(replyTemplate);
  }

  private void decidePreLogin(PreLogin template) throws SSLException, TdsException {
    if (strict) {
      outcome = Outcome.STRICT;
      reply(template, EncryptionValue.NOT_SUP); // ignored by strict clients; TLS is already in place
      moveTo(ServerState.AWAIT_LOGIN7);
      return;
    }
    // A PRELOGIN without ENCRYPTION comes from a client that knows nothing of TLS: ENCRYPT_NOT_SUP.
    EncryptionValue asked = clientPreLogin.encryption().orElse(EncryptionValue.NOT_SUP);
    ServerReply decision = EncryptionTable.serverReply(asked, policy.effectiveEncryption(), policy.clientCert());
    if (decision.reply() != null) {
      reply(template, decision.reply());
    }
    if (decision.close()) {
      failure = decision.reply() != null && decision.reply().level().orElseThrow() == EncryptionLevel.REQ
          ? new EncryptionRequiredException(decision.reason(), "the client must enable encryption", null)
          : new TdsProtocolException("PRELOGIN", decision.reason(), -1);
      LOG.log(Level.DEBUG, "closing after PRELOGIN: {0}", decision);
      state = ServerState.FINAL;
      return;
    }
    ClientOutcome result = EncryptionTable.clientOutcome(asked.level().map(l -> EncryptionValue.of(l, false))
        .orElseThrow(), decision.reply());
    outcome = result.outcome();
    if (outcome == Outcome.NONE) {
      moveTo(ServerState.AWAIT_LOGIN7);
      return;
    }
    tls = new TlsEngineDriver(serverEngine(TlsNegotiationMode.POST_PRE_LOGIN));
    moveTo(ServerState.TLS_NEGOTIATION);
  }

  private void reply(PreLogin template, EncryptionValue value) throws SSLException {
    serverPreLogin = template.withEncryption(value);
    if (clientPreLogin.fedAuthRequired().isEmpty() && serverPreLogin.fedAuthRequired().isPresent()) {
      serverPreLogin = serverPreLogin.withFedAuthRequired(null); // FEDAUTHREQUIRED answers only a client that sent it
    }
    stream.send(new TdsMessage(PacketType.TABULAR_RESULT, serverPreLogin.encode()));
  }

  private void onTlsNegotiation(ByteBuffer in) throws SSLException, TdsException {
    while (in.hasRemaining() && !tls.handshakeDone()) {
      Packet p = stream.nextPacket(in);
      if (p == null) {
        return;
      }
      PacketType type = p.header().type();
      if (type == PacketType.LOGIN7) {
        throw new EncryptionRequiredException("the client sent LOGIN7 in clear after encryption was negotiated",
            "this is a client bug or a downgrade attempt; the login was refused", null);
      }
      if (type != PacketType.PRELOGIN) {
        throw new TdsProtocolException("TLS negotiation", "expected TLS handshake data in a PRELOGIN packet, got " + type, 0);
      }
      tls.feed(ByteBuffer.wrap(p.payload()));
      stream.handshakeStep(tls, true);
    }
    if (!tls.handshakeDone()) {
      return;
    }
    tlsInfo = TlsInfo.of(tls.engine());
    engines.handshakeCompleted(tls.engine());
    stream.encryptWith(tls, false);
    if (outcome == Outcome.LOGIN_ONLY) {
      stream.dropTlsAfterFirstInboundPacket();
    }
    moveTo(ServerState.AWAIT_LOGIN7);
    if (in.hasRemaining()) {
      stream.receive(in);
      onLogin7();
    }
  }

  private void onLogin7() throws TdsException {
    TdsMessage m = stream.poll();
    if (m == null) {
      return;
    }
    if (m.type() != PacketType.LOGIN7) {
      throw new TdsProtocolException("LOGIN7", "expected LOGIN7, got a " + m.type() + " message", 0);
    }
    stream.allowInboundPacketSize(32767);
    pendingLogin = m;
    moveTo(ServerState.LOGIN7_RECEIVED);
  }

  private void onLoginContinuation() throws TdsException {
    TdsMessage m = stream.poll();
    if (m == null) {
      return;
    }
    if (m.type() != PacketType.SSPI && m.type() != PacketType.FEDAUTH_TOKEN) {
      throw new TdsProtocolException("login", "expected an SSPI or FEDAUTH_TOKEN message continuing the login, got a "
          + m.type() + " message", 0);
    }
    pendingLogin = m;
    moveTo(ServerState.LOGIN7_RECEIVED);
  }

  /**
   * Records that the caller answered the login message with a challenge (an SSPI token, or
   * FEDAUTHINFO) and waits for the client's next login message, which {@link #poll()} returns in
   * state {@link ServerState#LOGIN7_RECEIVED}.
   *
   * @throws IllegalStateException if not in state LOGIN7_RECEIVED
   */
  public void awaitLoginContinuation() {
    if (state != ServerState.LOGIN7_RECEIVED) {
      throw new IllegalStateException("expected state LOGIN7_RECEIVED, was " + state);
    }
    moveTo(ServerState.AWAIT_LOGIN_CONTINUATION);
    try {
      onLoginContinuation(); // it may have arrived with LOGIN7
    } catch (TdsException e) {
      fail(e);
    }
  }

  /**
   * Returns the next complete message from the client: LOGIN7 in {@link
   * ServerState#LOGIN7_RECEIVED}, then requests.
   *
   * @return the message, or {@code null} if none is complete
   */
  public TdsMessage poll() {
    if (pendingLogin != null) {
      TdsMessage m = pendingLogin;
      pendingLogin = null;
      return m;
    }
    return state == ServerState.LOGGED_IN ? stream.poll() : null;
  }

  /**
   * Sends a message to the client (the login response, then results).
   *
   * @param message the message, usually of type {@link PacketType#TABULAR_RESULT}
   * @return the bytes to send
   * @throws TdsException if the connection has failed
   */
  public byte[] send(TdsMessage message) throws TdsException {
    CollectedBytes out = new CollectedBytes();
    send(message, out);
    return out.bytes();
  }

  /**
   * Sends a message to the client, handing the bytes to a sink instead of returning a copy.
   *
   * @param message the message
   * @param out receives the bytes to send
   * @throws TdsException if the connection has failed
   */
  public void send(TdsMessage message, ByteSink out) throws TdsException {
    if (state == ServerState.FINAL) {
      throw failure;
    }
    try {
      stream.send(message);
      stream.drainOutbound(out);
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    }
  }

  /**
   * Sends one piece of a message produced piece by piece (a result too large to build in memory).
   * Only complete packets are sent: every packet but the last is full, and the last piece's final
   * packet carries EOM. Pieces of one message must not be interleaved with {@link
   * #send(TdsMessage)}.
   *
   * @param type the message type, the same for every piece, usually {@link
   *     PacketType#TABULAR_RESULT}
   * @param piece the next payload bytes (any length, possibly none)
   * @param endOfMessage whether this piece ends the message
   * @return the bytes to send, possibly none
   * @throws TdsException if the connection has failed
   * @throws IllegalStateException if the login has not been accepted yet, or a message of another
   *     type is in progress
   */
  public byte[] sendPart(PacketType type, byte[] piece, boolean endOfMessage) throws TdsException {
    CollectedBytes out = new CollectedBytes();
    sendPart(type, piece, endOfMessage, out);
    return out.bytes();
  }

  /**
   * Sends one piece of a message produced piece by piece, handing the bytes to a sink instead of
   * returning a copy: the streaming path of a Netty adapter, which allocates nothing per packet.
   *
   * @param type the message type, the same for every piece
   * @param piece the next payload bytes (any length, possibly none)
   * @param endOfMessage whether this piece ends the message
   * @param out receives the bytes to send, if any
   * @throws TdsException if the connection has failed
   * @throws IllegalStateException if the login has not been accepted yet, or a message of another
   *     type is in progress
   */
  public void sendPart(PacketType type, byte[] piece, boolean endOfMessage, ByteSink out) throws TdsException {
    if (state == ServerState.FINAL) {
      throw failure;
    }
    if (state != ServerState.LOGGED_IN) {
      throw new IllegalStateException("expected state LOGGED_IN, was " + state);
    }
    try {
      stream.sendPart(type, piece, endOfMessage, out);
    } catch (SSLException e) {
      throw fail(TlsFailures.classify(e));
    }
  }

  /**
   * Records that the login was accepted.
   *
   * @param packetSize the packet size announced to the client in the login response
   */
  public void loginAccepted(int packetSize) {
    if (state != ServerState.LOGIN7_RECEIVED) {
      throw new IllegalStateException("expected state LOGIN7_RECEIVED, was " + state);
    }
    stream.setPacketSize(packetSize);
    moveTo(ServerState.LOGGED_IN);
  }

  /**
   * Sets the SPID put in the headers of packets sent to the client.
   *
   * @param spid the session id
   */
  public void setSpid(int spid) {
    stream.setSpid(spid);
  }

  /**
   * Moves to {@link ServerState#FINAL} with an error found by the caller.
   *
   * @param error the error
   * @return the same error
   */
  public TdsException fail(TdsException error) {
    if (failure == null) {
      failure = error;
      LOG.log(Level.DEBUG, "{0} -> FINAL: {1}", state, error.getMessage());
      state = ServerState.FINAL;
    }
    return failure;
  }

  /**
   * Returns why the connection ended.
   *
   * @return the error or refusal, or {@code null} while the connection is alive
   */
  public TdsException failure() {
    return failure;
  }

  /**
   * Returns what was negotiated, once the outcome is known.
   *
   * @return the negotiated security, or {@code null} before it is known
   */
  public NegotiatedSecurity negotiated() {
    return outcome == null ? null : new NegotiatedSecurity(outcome, clientPreLogin, serverPreLogin, tlsInfo);
  }

  /**
   * Tells whether the client came in on the strict (TDS 8.0) path.
   *
   * @return whether TLS came first
   */
  public boolean isStrict() {
    return strict;
  }

  /**
   * Tells whether bytes of an incomplete packet, message or TLS record are held.
   *
   * @return whether input is partially received
   */
  public boolean hasPartialInput() {
    return stream.hasPartialInput();
  }

  /**
   * Ends the connection's use of its TLS engine, releasing it to the engine source ({@link
   * TlsEngineSource#release}); the adapter calls this once the connection is closed, on every
   * path. Later calls do nothing.
   */
  public void close() {
    if (tls != null && !engineReleased) {
      engineReleased = true;
      engines.release(tls.engine());
    }
  }

  private void moveTo(ServerState next) {
    LOG.log(Level.DEBUG, "{0} -> {1}", state, next);
    state = next;
  }
}
