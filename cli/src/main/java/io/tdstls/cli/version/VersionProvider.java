package io.tdstls.cli.version;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/** What {@code tds-tls --version} prints: the tool's version, then the TLS capabilities. */
public final class VersionProvider implements IVersionProvider {

  /** Creates the provider. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    return lines(TlsCapabilities.detect()).toArray(new String[0]);
  }

  /**
   * Returns the version text.
   *
   * @param capabilities the TLS capabilities to describe
   * @return the lines
   */
  static List<String> lines(TlsCapabilities capabilities) {
    List<String> lines = new ArrayList<>();
    lines.add("tds-tls " + ToolVersion.get());
    lines.addAll(capabilities.describe());
    return lines;
  }
}
