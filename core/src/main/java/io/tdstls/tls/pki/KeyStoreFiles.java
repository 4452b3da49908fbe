package io.tdstls.tls.pki;

import io.tdstls.error.TdsConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Loads PKCS#12 and JKS key stores: the key and chain of a server or client, or the trusted
 * certificates of a trust store.
 *
 * <pre>{@code
 * CertifiedKey server = KeyStoreFiles.readCertifiedKey(Path.of("server.p12"), "PKCS12", password);
 * }</pre>
 */
public final class KeyStoreFiles {

  private KeyStoreFiles() {}

  /**
   * Reads a key store.
   *
   * @param file the file
   * @param type {@code "PKCS12"} or {@code "JKS"}
   * @param password the store password, or {@code null}
   * @return the loaded store
   * @throws TdsConfigException if the file cannot be read, is not a key store of that type, or the
   *     password is wrong
   */
  public static KeyStore read(Path file, String type, char[] password) {
    return parse(MaterialFiles.read(file, type + " key store"), file.toString(), type, password);
  }

  /**
   * Parses a key store.
   *
   * @param content the store's bytes
   * @param source where they came from, for error messages
   * @param type {@code "PKCS12"} or {@code "JKS"}
   * @param password the store password, or {@code null}
   * @return the loaded store
   * @throws TdsConfigException if the content is not a key store of that type, or the password is
   *     wrong
   */
  public static KeyStore parse(byte[] content, String source, String type, char[] password) {
    String t = type.toUpperCase(Locale.ROOT);
    try {
      KeyStore store = KeyStore.getInstance(t);
      store.load(new ByteArrayInputStream(content), password);
      return store;
    } catch (KeyStoreException e) {
      throw new TdsConfigException("unsupported key store type '" + type + "' for " + source + ": use PKCS12 or JKS", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TdsConfigException("wrong password for key store " + source + ": check the password", e);
      }
      throw notAStore(source, t, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw notAStore(source, t, e);
    }
  }

  private static TdsConfigException notAStore(String source, String type, Exception e) {
    return new TdsConfigException(source + " is not a valid " + type + " key store (" + e.getClass().getSimpleName()
        + "): check the file and its type (PKCS12 or JKS)", e);
  }

  /**
   * Reads the first private key entry of a key store and its chain.
   *
   * @param file the file
   * @param type {@code "PKCS12"} or {@code "JKS"}
   * @param password the store password, also used for the key
   * @return the key and chain
   * @throws TdsConfigException if the store cannot be read or holds no private key
   */
  public static CertifiedKey readCertifiedKey(Path file, String type, char[] password) {
    KeyStore store = read(file, type, password);
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, password);
          Certificate[] chain = store.getCertificateChain(alias);
          if (key instanceof PrivateKey && chain != null && chain.length > 0) {
            return new CertifiedKey((PrivateKey) key, x509(chain));
          }
        }
      }
    } catch (UnrecoverableKeyException e) {
      throw new TdsConfigException("wrong key password in " + file + ": the key must use the store password", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TdsConfigException("cannot read the key of " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    throw new TdsConfigException("no private key with a certificate chain in " + file
        + ": give a key store made with the key and its certificates");
  }

  /**
   * Returns every certificate of a trust store: trusted certificate entries, and the leaf of each
   * key entry.
   *
   * @param store a loaded store
   * @return the certificates
   * @throws TdsConfigException if the store cannot be enumerated
   */
  public static List<X509Certificate> certificates(KeyStore store) {
    List<X509Certificate> result = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        Certificate c = store.getCertificate(alias);
        if (c instanceof X509Certificate) {
          result.add((X509Certificate) c);
        }
      }
    } catch (KeyStoreException e) {
      throw new TdsConfigException("cannot list the certificates of the trust store", e);
    }
    return List.copyOf(result);
  }

  private static List<X509Certificate> x509(Certificate[] chain) {
    List<X509Certificate> result = new ArrayList<>();
    for (Certificate c : chain) {
      result.add((X509Certificate) c);
    }
    return result;
  }
}
