package io.tdstls.probe;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.prelogin.EncryptionLevel;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Sends one raw ClientHello on a fresh connection and reads the server's first flight, on either
 * path: after a cleartext PRELOGIN exchange (ENCRYPT_ON) inside PRELOGIN packets, or TLS first.
 * The connection is closed right after: no key is ever computed, nothing is sent inside TLS.
 */
final class HelloExchange {

  private HelloExchange() {}

  static HelloReply exchange(Target target, ScanPath path, byte[] clientHello, Duration timeout) {
    ServerFlightParser parser = new ServerFlightParser();
    try (ProbeSocket socket = ProbeSocket.connect(target, timeout)) {
      try {
        if (path == ScanPath.TDS7) {
          socket.send(PacketType.PRELOGIN, PreloginProber.request(EncryptionValue.ON).encode());
          EncryptionValue reply = PreLogin.decode(socket.readMessage()).encryption().orElse(EncryptionValue.NOT_SUP);
          if (!reply.isValid() || !reply.level().map(EncryptionLevel::wantsEncryption).orElse(false)) {
            return HelloReply.failure(HelloReply.Kind.NOT_TLS, -1, "the server answered ENCRYPT_ON with " + reply);
          }
          socket.send(PacketType.PRELOGIN, clientHello);
        } else {
          socket.sendRaw(clientHello);
        }
        while (true) {
          HelloReply r = parser.feed(path == ScanPath.TDS7 ? socket.readMessage() : socket.readRaw());
          if (r != null) {
            return r;
          }
        }
      } catch (SocketTimeoutException e) {
        HelloReply partial = parser.closed();
        return partial.chose() ? partial : HelloReply.failure(HelloReply.Kind.TIMEOUT, -1, "no answer before the timeout");
      } catch (EOFException e) {
        return parser.closed();
      } catch (TdsProtocolException | NotTdsException e) {
        return HelloReply.failure(HelloReply.Kind.NOT_TLS, -1, "not TDS: " + e.getMessage());
      } catch (IOException e) { // reset
        HelloReply partial = parser.closed();
        return partial.chose() ? partial : HelloReply.failure(HelloReply.Kind.CLOSED, -1, String.valueOf(e.getMessage()));
      }
    } catch (UnreachableException e) {
      return HelloReply.failure(HelloReply.Kind.CLOSED, -1, e.getMessage());
    }
  }
}
