package io.tdstls.tls;

import io.tdstls.tls.pki.CertifiedKey;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the one configured client certificate whenever a server asks for one, whatever CA
 * names the server lists (as OpenSSL-based clients do). The JDK's key manager would silently send
 * no certificate when the issuer is not in the server's list, hiding the real problem.
 */
final class ClientCertificateKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "client";

  private final CertifiedKey key;

  ClientCertificateKeyManager(CertifiedKey key) {
    this.key = key;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return chooseClientAlias(keyType, issuers, null);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    String algorithm = key.privateKey().getAlgorithm();
    if (keyType == null) {
      return ALIAS;
    }
    for (String type : keyType) {
      if (type.equals(algorithm) || (algorithm.equals("EC") && type.startsWith("EC"))
          || (algorithm.equals("RSA") && type.startsWith("RSA"))) {
        return ALIAS;
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? key.chain().toArray(new X509Certificate[0]) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key.privateKey() : null;
  }
}
