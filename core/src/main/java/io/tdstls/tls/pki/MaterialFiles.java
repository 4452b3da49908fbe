package io.tdstls.tls.pki;

import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads certificate and key files into memory, with errors that name the file. */
final class MaterialFiles {

  private MaterialFiles() {}

  /**
   * Reads a whole file.
   *
   * @param file the file
   * @param what what the file should hold, for the error message (for example "private key")
   * @return its bytes
   * @throws TdsConfigException if it cannot be read
   */
  static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TdsConfigException(what + " file " + file + " does not exist: check the path", e);
    } catch (IOException e) {
      throw new TdsConfigException("cannot read " + what + " file " + file + " (" + e.getClass().getSimpleName()
          + "): check the path and its permissions", e);
    }
  }

  /**
   * Tells whether content looks like PEM text.
   *
   * @param content the file content
   * @return true if it holds a {@code -----BEGIN} line
   */
  static boolean isPem(byte[] content) {
    return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
  }
}
