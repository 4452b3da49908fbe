package io.tdstls.tls.pki;

import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Loads a private key from a PEM file in any of the forms OpenSSL writes: PKCS#1 ({@code RSA
 * PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}) and legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}).
 * Certificates and EC parameter blocks in the same file are skipped.
 *
 * <pre>{@code
 * PrivateKey key = PrivateKeyFiles.read(Path.of("server.key"), "secret".toCharArray());
 * }</pre>
 */
public final class PrivateKeyFiles {

  private PrivateKeyFiles() {}

  /**
   * Reads the first private key of a PEM file.
   *
   * @param file the file
   * @param password the password of an encrypted key, or {@code null}; ignored for a plain key
   * @return the key
   * @throws TdsConfigException if the file cannot be read, holds no key, or the key is encrypted
   *     and the password is missing or wrong
   */
  public static PrivateKey read(Path file, char[] password) {
    return parse(MaterialFiles.read(file, "private key"), file.toString(), password);
  }

  /**
   * Parses the first private key of PEM text.
   *
   * @param content the PEM text
   * @param source where it came from, for error messages
   * @param password the password of an encrypted key, or {@code null}
   * @return the key
   * @throws TdsConfigException if the text holds no key, or the key is encrypted and the password
   *     is missing or wrong
   */
  public static PrivateKey parse(byte[] content, String source, char[] password) {
    if (!MaterialFiles.isPem(content)) {
      throw new TdsConfigException(source + " is not a PEM file: give the private key in PEM"
          + " (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }
    List<Object> objects;
    try {
      objects = CertificateFiles.pemObjects(content);
    } catch (IOException | RuntimeException e) {
      throw new TdsConfigException(source + " is not a valid PEM key file (" + e.getClass().getSimpleName()
          + "): check that it is the private key and not truncated", e);
    }
    for (Object o : objects) {
      if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo
          || o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
        return convert(o, source, password);
      }
    }
    throw new TdsConfigException("no private key found in " + source
        + ": give a PEM file with a BEGIN PRIVATE KEY (or RSA/EC PRIVATE KEY) block");
  }

  private static PrivateKey convert(Object o, String source, char[] password) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (o instanceof PEMKeyPair) {
        return converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo) {
        return converter.getPrivateKey((PrivateKeyInfo) o);
      }
    } catch (IOException | RuntimeException e) {
      throw new TdsConfigException("the private key in " + source + " is malformed or of an unsupported type ("
          + e.getClass().getSimpleName() + "): give an RSA or EC key", e);
    }
    if (password == null) {
      throw new TdsConfigException("the private key in " + source + " is encrypted: give its password");
    }
    try {
      if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
        var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password);
        return converter.getPrivateKey(((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(decryptor));
      }
      var decryptor = new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password);
      return converter.getPrivateKey(((PEMEncryptedKeyPair) o).decryptKeyPair(decryptor).getPrivateKeyInfo());
    } catch (PKCSException | OperatorCreationException | IOException | RuntimeException e) {
      throw new TdsConfigException("cannot decrypt the private key in " + source + " ("
          + e.getClass().getSimpleName() + "): check its password", e);
    }
  }
}
