package io.tdstls.probe;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.ThreadId;
import io.tdstls.protocol.prelogin.Version;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Sends one PRELOGIN, on a fresh connection, and records the reply. Never sends LOGIN7. */
final class PreloginProber {

  /** The version this probe announces in its PRELOGIN (informational to servers). */
  static final Version PROBE_VERSION = new Version(0, 1, 0, 0);

  private PreloginProber() {}

  /** The PRELOGIN a probe sends: VERSION, ENCRYPTION, empty INSTOPT, THREADID and MARS off, like a driver. */
  static PreLogin request(EncryptionValue encryption) {
    return PreLogin.of(PROBE_VERSION).withEncryption(encryption).withInstance("")
        .withThreadId(ThreadId.of(ProcessHandle.current().pid() & 0xFFFFFFFFL)).withMars(false);
  }

  static PreloginReply probe(Target target, PreloginProbe probe, Duration timeout) {
    try (ProbeSocket socket = ProbeSocket.connect(target, timeout)) {
      socket.send(PacketType.PRELOGIN, request(probe.sent()).encode());
      byte[] payload = socket.readMessage();
      return new PreloginReply(probe, ReplyKind.ANSWERED, PreLogin.decode(payload), "");
    } catch (TdsProtocolException e) {
      return new PreloginReply(probe, ReplyKind.GARBAGE, null, "not a PRELOGIN reply: " + e.getMessage());
    } catch (IOException e) {
      return new PreloginReply(probe, kindOf(e), null, e.getMessage());
    }
  }

  /** What an I/O failure means for a probe connection. */
  static ReplyKind kindOf(IOException e) {
    if (e instanceof UnreachableException) {
      return ReplyKind.UNREACHABLE;
    }
    if (e instanceof SocketTimeoutException) {
      return ReplyKind.TIMEOUT;
    }
    if (e instanceof NotTdsException) {
      return ReplyKind.GARBAGE;
    }
    return ReplyKind.CLOSED;
  }
}
