package io.tdstls.tls.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** Writes objects as PEM text through BouncyCastle. */
final class PemText {

  private PemText() {}

  /**
   * Encodes certificates, CRLs, keys, or BouncyCastle PEM generators.
   *
   * @param objects the objects, written one after the other
   * @return the PEM text
   */
  static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof PemObjectGenerator) {
          writer.writeObject((PemObjectGenerator) o);
        } else {
          writer.writeObject(o);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory failed", e);
    }
    return out.toString();
  }

  /**
   * Encodes one object encrypted the legacy OpenSSL way ({@code Proc-Type: 4,ENCRYPTED}).
   *
   * @param object the key
   * @param encryptor the encryptor
   * @return the PEM text
   */
  static String encodeEncrypted(Object object, PEMEncryptor encryptor) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object, encryptor);
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory failed", e);
    }
    return out.toString();
  }
}
