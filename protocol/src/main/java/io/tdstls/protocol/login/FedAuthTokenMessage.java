package io.tdstls.protocol.login;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The Federated Authentication Token message ([MS-TDS] 2.2.6.3, packet type 0x08): the token a
 * client obtained after reading the server's FEDAUTHINFO.
 *
 * <p>Layout: DataLen (DWORD, the bytes that follow), FedAuthToken as L_VARBYTE (DWORD length, then
 * the token in UTF-16LE), then the server's 32-byte PRELOGIN nonce when it sent one. {@link
 * #toString()} never shows the token.
 */
public final class FedAuthTokenMessage {

  private static final String WHAT = "FEDAUTH_TOKEN message";

  private final String token;
  private final byte[] nonce;

  /**
   * Creates the message.
   *
   * @param token the access token
   * @param nonce the server's 32-byte PRELOGIN nonce, or {@code null}
   * @throws IllegalArgumentException if the token is empty or the nonce is not 32 bytes
   */
  public FedAuthTokenMessage(String token, byte[] nonce) {
    if (Objects.requireNonNull(token, "token").isEmpty()) {
      throw new IllegalArgumentException("the access token is empty");
    }
    if (nonce != null && nonce.length != FedAuthFeature.NONCE_SIZE) {
      throw new IllegalArgumentException("the nonce is 32 bytes, was " + nonce.length);
    }
    this.token = token;
    this.nonce = nonce == null ? null : nonce.clone();
  }

  /**
   * Returns the token.
   *
   * @return the token
   */
  public String token() {
    return token;
  }

  /**
   * Returns the echoed nonce.
   *
   * @return a copy, if present
   */
  public Optional<byte[]> nonce() {
    return Optional.ofNullable(nonce).map(byte[]::clone);
  }

  /**
   * Encodes the message payload (without the packet header).
   *
   * @return the payload
   */
  public byte[] encode() {
    byte[] t = token.getBytes(StandardCharsets.UTF_16LE);
    WireWriter w = new WireWriter();
    w.i32(4 + t.length + (nonce == null ? 0 : nonce.length)).i32(t.length).bytes(t);
    if (nonce != null) {
      w.bytes(nonce);
    }
    return w.toByteArray();
  }

  /**
   * Decodes a message payload.
   *
   * @param payload the payload
   * @return the message
   * @throws TdsProtocolException if the lengths disagree, the token is empty or not UTF-16, or
   *     trailing bytes are not a 32-byte nonce
   */
  public static FedAuthTokenMessage decode(byte[] payload) throws TdsProtocolException {
    WireReader r = new WireReader(WHAT, payload);
    long dataLen = r.u32("DataLen");
    if (dataLen != r.remaining()) {
      throw r.error("DataLen " + dataLen + " but " + r.remaining() + " bytes follow", 0);
    }
    long n = r.u32("FedAuthToken length");
    if (n == 0 || n % 2 != 0) {
      throw r.error("FedAuthToken length " + n + " is not a non-empty UTF-16 string", 4);
    }
    String token = new String(r.bytes(n, "FedAuthToken"), StandardCharsets.UTF_16LE);
    byte[] nonce = null;
    if (r.hasRemaining()) {
      if (r.remaining() != FedAuthFeature.NONCE_SIZE) {
        throw r.error(r.remaining() + " bytes after the token; only a 32-byte nonce may follow", r.position());
      }
      nonce = r.bytes(FedAuthFeature.NONCE_SIZE, "Nonce");
    }
    return new FedAuthTokenMessage(token, nonce);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FedAuthTokenMessage m && m.token.equals(token) && Arrays.equals(m.nonce, nonce);
  }

  @Override
  public int hashCode() {
    return token.hashCode() * 31 + Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "FedAuthTokenMessage[token=<" + token.length() + " chars hidden>" + (nonce != null ? ", nonce" : "") + "]";
  }
}
