package io.tdstls.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The modification time, size and identity of a set of files, compared to notice that any of them
 * was replaced (certificate hot reload).
 */
public final class FileStamp {

  private final List<String> parts;

  private FileStamp(List<String> parts) {
    this.parts = parts;
  }

  /**
   * Reads the stamp of files now; a missing file is part of the stamp too.
   *
   * @param files the files
   * @return the stamp
   */
  public static FileStamp of(List<Path> files) {
    List<String> parts = new ArrayList<>();
    for (Path f : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        parts.add(f + "|" + a.lastModifiedTime().toMillis() + "|" + a.size() + "|" + a.fileKey());
      } catch (IOException e) {
        parts.add(f + "|missing");
      }
    }
    return new FileStamp(List.copyOf(parts));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileStamp && ((FileStamp) o).parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }
}
