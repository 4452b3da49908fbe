package io.tdstls.negotiation;

import io.tdstls.error.TdsProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ALPN protocols offered in a TLS ClientHello (RFC 8446 4.1.2, RFC 7301 3.1) from the
 * first bytes of a strict connection, before they reach the {@link javax.net.ssl.SSLEngine}, so
 * that the ALPN policy is the same whatever the TLS provider. The ClientHello may span several
 * TLS records.
 */
final class ClientHelloAlpn {

  /** The largest ClientHello accepted (clients send well under 2 KiB, post-quantum key shares included). */
  static final int MAX_CLIENT_HELLO = 1 << 16;

  private static final int RECORD_HANDSHAKE = 22;
  private static final int CLIENT_HELLO = 1;
  private static final int EXTENSION_ALPN = 16;

  private ClientHelloAlpn() {}

  /**
   * Parses the ClientHello from the bytes received so far.
   *
   * @param raw the connection's first bytes, from the first TLS record on
   * @return {@code null} while the ClientHello is incomplete; otherwise empty when it offers no
   *     ALPN extension, or the protocols offered
   * @throws TdsProtocolException if the bytes are not a well-formed ClientHello, or it is too large
   */
  static Optional<List<String>> offered(byte[] raw) throws TdsProtocolException {
    byte[] hello = reassemble(raw);
    return hello == null ? null : alpn(hello);
  }

  /** Concatenates handshake record fragments until one whole handshake message is there. */
  private static byte[] reassemble(byte[] raw) throws TdsProtocolException {
    byte[] message = new byte[0];
    int pos = 0;
    while (pos + 5 <= raw.length) {
      if ((raw[pos] & 0xFF) != RECORD_HANDSHAKE) {
        throw malformed("a TLS record of type " + (raw[pos] & 0xFF) + " before the ClientHello was complete");
      }
      int length = u16(raw, pos + 3);
      if (pos + 5 + length > raw.length) {
        break;
      }
      byte[] grown = new byte[message.length + length];
      System.arraycopy(message, 0, grown, 0, message.length);
      System.arraycopy(raw, pos + 5, grown, message.length, length);
      message = grown;
      pos += 5 + length;
      if (message.length >= 4) {
        if ((message[0] & 0xFF) != CLIENT_HELLO) {
          throw malformed("the first handshake message is of type " + (message[0] & 0xFF) + ", not ClientHello");
        }
        int bodyLength = ((message[1] & 0xFF) << 16) | u16(message, 2);
        if (bodyLength + 4 > MAX_CLIENT_HELLO) {
          throw malformed("a ClientHello of " + bodyLength + " bytes is larger than " + MAX_CLIENT_HELLO);
        }
        if (message.length >= bodyLength + 4) {
          byte[] body = new byte[bodyLength];
          System.arraycopy(message, 4, body, 0, bodyLength);
          return body;
        }
      }
    }
    if (raw.length > MAX_CLIENT_HELLO + 5 * 8) {
      throw malformed("no complete ClientHello in the first " + raw.length + " bytes");
    }
    return null;
  }

  private static Optional<List<String>> alpn(byte[] b) throws TdsProtocolException {
    int pos = 2 + 32; // legacy_version, random
    pos = skip(b, pos, 1); // legacy_session_id
    pos = skip(b, pos, 2); // cipher_suites
    pos = skip(b, pos, 1); // legacy_compression_methods
    if (pos == b.length) {
      return Optional.empty(); // no extensions at all
    }
    int end = pos + 2 + need(b, pos, 2);
    if (end > b.length) {
      throw malformed("the extensions run past the end of the ClientHello");
    }
    pos += 2;
    while (pos < end) {
      if (pos + 4 > end) {
        throw malformed("a truncated extension header");
      }
      int type = u16(b, pos);
      int length = u16(b, pos + 2);
      int next = pos + 4 + length;
      if (next > end) {
        throw malformed("an extension runs past the end of the ClientHello");
      }
      if (type == EXTENSION_ALPN) {
        return Optional.of(protocols(b, pos + 4, next));
      }
      pos = next;
    }
    return Optional.empty();
  }

  private static List<String> protocols(byte[] b, int pos, int end) throws TdsProtocolException {
    if (pos + 2 > end || pos + 2 + u16(b, pos) != end) {
      throw malformed("a malformed ALPN extension");
    }
    List<String> names = new ArrayList<>();
    for (int p = pos + 2; p < end; ) {
      int n = b[p] & 0xFF;
      if (n == 0 || p + 1 + n > end) {
        throw malformed("a malformed ALPN protocol name");
      }
      names.add(new String(b, p + 1, n, StandardCharsets.ISO_8859_1));
      p += 1 + n;
    }
    return names;
  }

  /** Skips a vector with a length prefix of {@code prefix} bytes. */
  private static int skip(byte[] b, int pos, int prefix) throws TdsProtocolException {
    int length = need(b, pos, prefix);
    int next = pos + prefix + length;
    if (next > b.length) {
      throw malformed("a field runs past the end of the ClientHello");
    }
    return next;
  }

  /** Reads a length prefix of {@code prefix} (1 or 2) bytes, checking it is there. */
  private static int need(byte[] b, int pos, int prefix) throws TdsProtocolException {
    if (pos + prefix > b.length) {
      throw malformed("the ClientHello ends early");
    }
    return prefix == 1 ? b[pos] & 0xFF : u16(b, pos);
  }

  private static int u16(byte[] b, int pos) {
    return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
  }

  private static TdsProtocolException malformed(String detail) {
    return new TdsProtocolException("TLS ClientHello", detail, -1);
  }
}
