package io.tdstls.cli;

import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.EncryptionTable;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.protocol.prelogin.EncryptionValue;

/**
 * The {@code tds-tls} command. Until the client and server land, {@code demo} prints the TDS 7.x
 * encryption negotiation table computed by {@link EncryptionTable}.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    String command = args.length == 0 ? "demo" : args[0];
    if (!command.equals("demo")) {
      System.err.println("usage: tds-tls demo");
      System.exit(2);
    }
    System.out.println("tds-tls demo: the TDS 7.x ENCRYPTION negotiation, computed by EncryptionTable");
    System.out.println("(the live client/server demo replaces this table once the client and server land)");
    System.out.println();
    EncryptionValue[] clients = {
      EncryptionValue.OFF, EncryptionValue.ON, EncryptionValue.NOT_SUP, EncryptionValue.REQ,
      EncryptionValue.of(0x80), EncryptionValue.of(0x81), EncryptionValue.of(0x83)
    };
    System.out.printf("%-26s %-8s %-12s %s%n", "client sends", "policy", "server", "reply -> client outcome");
    for (ClientCertPolicy policy : ClientCertPolicy.values()) {
      for (EncryptionValue c : clients) {
        for (ServerEncryption s : ServerEncryption.values()) {
          var reply = EncryptionTable.serverReply(c, s, policy);
          String outcome = reply.replyValue()
              .map(r -> reply + " -> " + EncryptionTable.clientOutcome(c, r))
              .orElse(reply.toString());
          System.out.printf("%-26s %-8s %-12s %s%n", c, policy, s, outcome);
        }
      }
    }
  }
}
