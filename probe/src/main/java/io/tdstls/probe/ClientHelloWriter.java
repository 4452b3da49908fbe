package io.tdstls.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Writes a raw TLS ClientHello record, as an auditor needs it: any version from SSL 3.0 to TLS
 * 1.3, any list of suite codes and groups, whatever this JVM would allow. A TLS 1.3 hello carries
 * an empty key_share, so a server that supports one of the offered groups answers with a
 * HelloRetryRequest naming it (RFC 8446 4.1.4): enough to learn the version, suite and group
 * without any key generation.
 */
final class ClientHelloWriter {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** rsa_pkcs1 / ecdsa / rsa_pss / ed25519 / ed448 with SHA-1 to SHA-512, and DSA. */
  private static final int[] SIGNATURE_ALGORITHMS = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
    0x0401, 0x0501, 0x0601, 0x0303, 0x0203, 0x0201, 0x0402, 0x0202, 0x0101, 0x0102
  };

  private ClientHelloWriter() {}

  /**
   * Writes a ClientHello.
   *
   * @param version the highest version offered (for TLS 1.3: legacy_version 1.2 and supported_versions 1.3)
   * @param suites the suite codes, in preference order; SCSVs may be among them
   * @param groups the groups for supported_groups (empty: no extension)
   * @param sniHost a host name for server_name, or null
   * @return the whole record, header included
   */
  static byte[] write(WireVersion version, List<Integer> suites, List<NamedGroup> groups, String sniHost) {
    Bytes body = new Bytes();
    body.u16(version == WireVersion.TLS_1_3 ? WireVersion.TLS_1_2.code() : version.code());
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    body.raw(random);
    if (version == WireVersion.TLS_1_3) {
      byte[] session = new byte[32]; // middlebox compatibility (RFC 8446 D.4)
      RANDOM.nextBytes(session);
      body.u8(32).raw(session);
    } else {
      body.u8(0);
    }
    body.u16(suites.size() * 2);
    suites.forEach(body::u16);
    body.u8(1).u8(0); // compression: null only
    Bytes ext = new Bytes();
    if (sniHost != null) {
      byte[] host = sniHost.getBytes(StandardCharsets.US_ASCII);
      ext.u16(0x0000).u16(host.length + 5).u16(host.length + 3).u8(0).u16(host.length).raw(host);
    }
    if (!groups.isEmpty()) {
      ext.u16(0x000A).u16(groups.size() * 2 + 2).u16(groups.size() * 2);
      groups.forEach(g -> ext.u16(g.code()));
      ext.u16(0x000B).u16(2).u8(1).u8(0); // ec_point_formats: uncompressed
    }
    if (version.compareTo(WireVersion.TLS_1_2) >= 0) {
      ext.u16(0x000D).u16(SIGNATURE_ALGORITHMS.length * 2 + 2).u16(SIGNATURE_ALGORITHMS.length * 2);
      for (int s : SIGNATURE_ALGORITHMS) {
        ext.u16(s);
      }
    }
    if (version == WireVersion.TLS_1_3) {
      ext.u16(0x002B).u16(3).u8(2).u16(WireVersion.TLS_1_3.code()); // supported_versions: 1.3 only
      ext.u16(0x0033).u16(2).u16(0); // key_share: none, ask for a HelloRetryRequest
      ext.u16(0x002D).u16(2).u8(1).u8(1); // psk_key_exchange_modes: psk_dhe_ke
    }
    if (version != WireVersion.SSL_3_0 && ext.size() > 0) {
      body.u16(ext.size()).raw(ext.toByteArray());
    }
    Bytes handshake = new Bytes().u8(1).u24(body.size()).raw(body.toByteArray());
    int recordVersion = version == WireVersion.SSL_3_0 ? 0x0300 : 0x0301;
    return new Bytes().u8(22).u16(recordVersion).u16(handshake.size()).raw(handshake.toByteArray()).toByteArray();
  }

  /** A growable big-endian byte buffer. */
  static final class Bytes extends ByteArrayOutputStream {
    Bytes u8(int v) {
      write(v & 0xFF);
      return this;
    }

    Bytes u16(int v) {
      return u8(v >> 8).u8(v);
    }

    Bytes u24(int v) {
      return u8(v >> 16).u16(v);
    }

    Bytes raw(byte[] b) {
      writeBytes(b);
      return this;
    }
  }
}
