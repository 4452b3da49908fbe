package io.tdstls.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses a server's first flight from raw TLS records, fed as they arrive: the ServerHello (or
 * HelloRetryRequest) and, for TLS 1.2 and earlier, the Certificate and ServerKeyExchange up to
 * ServerHelloDone; or an alert. Never decrypts anything: everything it reads is sent in clear.
 */
final class ServerFlightParser {

  /** SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 4.1.3). */
  private static final byte[] RETRY_RANDOM = HexFormat.of()
      .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

  private final ByteArrayOutputStream records = new ByteArrayOutputStream();
  private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
  private HelloReply result;
  private WireVersion version;
  private int suite = -1;
  private NamedGroup group;
  private int dhBits;
  private boolean renegotiationInfo;
  private boolean retry;
  private final List<X509Certificate> chain = new ArrayList<>();

  /**
   * Adds bytes received.
   *
   * @param data the bytes
   * @return the answer once it is complete, else null (more bytes needed)
   */
  HelloReply feed(byte[] data) {
    records.writeBytes(data);
    byte[] all = records.toByteArray();
    int pos = 0;
    while (result == null && all.length - pos >= 5) {
      int type = all[pos] & 0xFF;
      int length = ((all[pos + 3] & 0xFF) << 8) | (all[pos + 4] & 0xFF);
      if ((type != 21 && type != 22) || all[pos + 1] != 3 || length > 18432) {
        return result = HelloReply.failure(HelloReply.Kind.NOT_TLS, -1,
            String.format("not a TLS record (first bytes %02X %02X %02X)", all[pos], all[pos + 1], all[pos + 2]));
      }
      if (all.length - pos - 5 < length) {
        break;
      }
      byte[] fragment = Arrays.copyOfRange(all, pos + 5, pos + 5 + length);
      pos += 5 + length;
      if (type == 21) {
        int description = fragment.length >= 2 ? fragment[1] & 0xFF : -1;
        return result = HelloReply.failure(HelloReply.Kind.ALERT, description, "alert " + TlsAlerts.name(description));
      }
      handshake.writeBytes(fragment);
      handshakeMessages();
    }
    records.reset();
    records.write(all, pos, all.length - pos);
    return result;
  }

  /**
   * Ends the parse at the end of the stream.
   *
   * @return what was learnt: a hello if the ServerHello came before the close, else CLOSED
   */
  HelloReply closed() {
    if (result != null) {
      return result;
    }
    return version != null ? hello() : HelloReply.failure(HelloReply.Kind.CLOSED, -1, "closed without a ServerHello");
  }

  private void handshakeMessages() {
    byte[] hs = handshake.toByteArray();
    int pos = 0;
    while (result == null && hs.length - pos >= 4) {
      int type = hs[pos] & 0xFF;
      int length = ((hs[pos + 1] & 0xFF) << 16) | ((hs[pos + 2] & 0xFF) << 8) | (hs[pos + 3] & 0xFF);
      if (hs.length - pos - 4 < length) {
        break;
      }
      ByteBuffer body = ByteBuffer.wrap(hs, pos + 4, length).slice();
      pos += 4 + length;
      try {
        message(type, body);
      } catch (RuntimeException e) { // a truncated or malformed message
        result = HelloReply.failure(HelloReply.Kind.NOT_TLS, -1, "malformed handshake message " + type + ": " + e);
      }
    }
    handshake.reset();
    handshake.write(hs, pos, hs.length - pos);
  }

  private void message(int type, ByteBuffer body) {
    switch (type) {
      case 2 -> serverHello(body);
      case 11 -> certificate(body);
      case 12 -> serverKeyExchange(body);
      case 14 -> result = hello(); // ServerHelloDone
      default -> { }
    }
  }

  private void serverHello(ByteBuffer b) {
    int legacyVersion = u16(b);
    byte[] random = new byte[32];
    b.get(random);
    skip(b, u8(b));
    suite = u16(b);
    u8(b); // compression
    int selected = legacyVersion;
    retry = Arrays.equals(random, RETRY_RANDOM);
    if (b.remaining() >= 2) {
      int end = u16(b) + b.position();
      while (b.position() + 4 <= end) {
        int extType = u16(b);
        int extLen = u16(b);
        ByteBuffer ext = b.slice(b.position(), extLen);
        b.position(b.position() + extLen);
        switch (extType) {
          case 0x002B -> selected = u16(ext);
          case 0x0033 -> group = NamedGroup.byCode(u16(ext));
          case 0xFF01 -> renegotiationInfo = true;
          default -> { }
        }
      }
    }
    version = WireVersion.byCode(selected);
    if (version == null) {
      result = HelloReply.failure(HelloReply.Kind.NOT_TLS, -1, String.format("unknown version 0x%04X", selected));
    } else if (version == WireVersion.TLS_1_3) {
      result = hello(); // the rest is encrypted
    }
  }

  private void certificate(ByteBuffer b) {
    int end = u24(b) + b.position();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      while (b.position() + 3 <= end) {
        byte[] der = new byte[u24(b)];
        b.get(der);
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      // an unparsable certificate: the chain stays as far as it was read
    }
  }

  private void serverKeyExchange(ByteBuffer b) {
    CipherSuite s = CipherSuites.byCode(suite);
    if (s.finiteFieldDh()) {
      if (s.kex().equals("PSK_DHE") || s.kex().equals("DHE") && s.auth().equals("PSK")) {
        skip(b, u16(b)); // psk identity hint
      }
      byte[] p = new byte[u16(b)];
      b.get(p);
      dhBits = new java.math.BigInteger(1, p).bitLength();
    } else if (s.ellipticDh() || s.kex().equals("ECDHE")) {
      if (s.auth().equals("PSK")) {
        skip(b, u16(b));
      }
      if (u8(b) == 3) { // named_curve
        group = NamedGroup.byCode(u16(b));
      }
    }
  }

  private HelloReply hello() {
    return new HelloReply(retry ? HelloReply.Kind.RETRY : HelloReply.Kind.HELLO, version, suite, group, dhBits,
        renegotiationInfo, chain, -1, "");
  }

  private static void skip(ByteBuffer b, int n) {
    b.position(b.position() + n);
  }

  private static int u8(ByteBuffer b) {
    return b.get() & 0xFF;
  }

  private static int u16(ByteBuffer b) {
    return b.getShort() & 0xFFFF;
  }

  private static int u24(ByteBuffer b) {
    return (u8(b) << 16) | u16(b);
  }
}
