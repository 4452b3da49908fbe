package io.tdstls.probe;

import io.tdstls.protocol.prelogin.EncryptionLevel;
import io.tdstls.protocol.prelogin.EncryptionValue;
import java.util.List;

/**
 * Classifies an endpoint from the differential PRELOGIN replies, by the server reply table of
 * [MS-TDS] 2.2.6.5: the reply to ENCRYPT_OFF tells the server's setting (OFF: available, REQ:
 * forced, NOT_SUP: no TLS); the reply to ENCRYPT_NOT_SUP tells whether a cleartext login is taken.
 */
final class PostureClassifier {

  private PostureClassifier() {}

  /** Tells whether TDS 7.x PRELOGIN was refused: every probe closed or unanswered, none unreachable. */
  static boolean sevenXRefused(List<PreloginReply> replies) {
    return replies.stream().allMatch(r -> r.kind() == ReplyKind.CLOSED || r.kind() == ReplyKind.TIMEOUT);
  }

  static EncryptionPosture posture(PreloginReply off, boolean strictWorks) {
    switch (off.kind()) {
      case UNREACHABLE: return EncryptionPosture.UNREACHABLE;
      case TIMEOUT: return strictWorks ? EncryptionPosture.STRICT_REQUIRED : EncryptionPosture.SILENT;
      case GARBAGE: return EncryptionPosture.NOT_TDS;
      case CLOSED: return strictWorks ? EncryptionPosture.STRICT_REQUIRED : EncryptionPosture.REFUSED;
      default: break;
    }
    EncryptionValue v = off.encryption().orElse(null);
    if (v == null || !v.isValid() || v.clientCert()) {
      return EncryptionPosture.INVALID_REPLY;
    }
    EncryptionLevel level = v.level().orElseThrow();
    switch (level) {
      case OFF: return EncryptionPosture.LOGIN_ONLY_OFFERED;
      case NOT_SUP: return EncryptionPosture.NO_TLS;
      default: return EncryptionPosture.ENCRYPTION_FORCED;
    }
  }

  /** A client that sends ENCRYPT_NOT_SUP is answered NOT_SUP: its LOGIN7 would go in clear. */
  static boolean cleartextLoginAccepted(PreloginReply notSup) {
    return notSup.answered(EncryptionValue.NOT_SUP);
  }

  /** The CLIENT_CERT probes are closed without a reply while ENCRYPT_OFF is answered (Babelfish). */
  static boolean clientCertRefused(PreloginReply off, PreloginReply certOff, PreloginReply certOn) {
    return off.kind() == ReplyKind.ANSWERED && certOff.kind() == ReplyKind.CLOSED && certOn.kind() == ReplyKind.CLOSED;
  }

  /** Whether the posture means TLS exists inside TDS 7.x, so TLS versions can be tried there. */
  static boolean hasTls7(EncryptionPosture posture) {
    return posture == EncryptionPosture.LOGIN_ONLY_OFFERED || posture == EncryptionPosture.ENCRYPTION_FORCED
        || posture == EncryptionPosture.STRICT_REQUIRED_AT_LOGIN;
  }
}
