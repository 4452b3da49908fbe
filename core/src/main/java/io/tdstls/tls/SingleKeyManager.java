package io.tdstls.tls;

import io.tdstls.tls.pki.CertifiedKey;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one configured key and chain, exactly as given, whenever the handshake can use its key
 * type.
 *
 * <ul>
 *   <li>As a client, it sends the certificate whatever CA names the server lists (as
 *       OpenSSL-based clients do); the JDK's key manager would silently send none when the issuer
 *       is not in the server's list, hiding the real problem.
 *   <li>As a server, it sends the chain in the order configured, without the ordering checks a
 *       {@link java.security.KeyStore} imposes.
 * </ul>
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "configured";

  private final CertifiedKey key;

  SingleKeyManager(CertifiedKey key) {
    this.key = key;
  }

  private String aliasFor(String... keyTypes) {
    if (keyTypes == null) {
      return null;
    }
    String algorithm = key.privateKey().getAlgorithm();
    for (String type : keyTypes) {
      if (algorithm.equals(type)) {
        return ALIAS;
      }
    }
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
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
