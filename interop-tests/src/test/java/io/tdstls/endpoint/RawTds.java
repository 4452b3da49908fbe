package io.tdstls.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads TDS messages off a raw socket, for tests that play a hand-written peer. */
final class RawTds {

  private RawTds() {}

  /** Reads packets until one carries EOM and returns the joined payload. */
  static byte[] readMessage(InputStream in) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    while (true) {
      byte[] header = in.readNBytes(8);
      if (header.length < 8) {
        throw new EOFException("the peer closed the connection inside a packet header");
      }
      int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      byte[] body = in.readNBytes(length - 8);
      payload.write(body, 0, body.length);
      if ((header[1] & 0x01) != 0) {
        return payload.toByteArray();
      }
    }
  }
}
