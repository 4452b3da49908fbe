package io.tdstls.probe;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.EncryptionTable;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.encryption.ServerReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the server settings whose replies, by {@link EncryptionTable#serverReply}, are exactly the
 * replies observed: a conforming endpoint matches at least one; none means it departs from
 * [MS-TDS] 2.2.6.5.
 */
final class TableMatcher {

  private TableMatcher() {}

  /** The matching settings; empty when nothing matches or some probe got no clear answer (timeout, garbage). */
  static List<ServerSetting> consistentSettings(List<PreloginReply> replies) {
    List<ServerSetting> out = new ArrayList<>();
    if (!replies.stream().allMatch(r -> r.kind() == ReplyKind.ANSWERED || r.kind() == ReplyKind.CLOSED)) {
      return out;
    }
    for (ServerEncryption encryption : ServerEncryption.values()) {
      for (ClientCertPolicy policy : ClientCertPolicy.values()) {
        if (replies.stream().allMatch(r -> agrees(EncryptionTable.serverReply(r.probe().sent(), encryption, policy), r))) {
          out.add(new ServerSetting(encryption, policy));
        }
      }
    }
    return out;
  }

  private static boolean agrees(ServerReply predicted, PreloginReply observed) {
    return predicted.replyValue()
        .map(v -> observed.kind() == ReplyKind.ANSWERED && observed.answered(v))
        .orElse(observed.kind() == ReplyKind.CLOSED);
  }
}
