package io.tdstls.cli.version;

import io.tdstls.cli.ExitCode;
import io.tdstls.cli.output.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tds-tls version}: the same report as {@code --version}, also as JSON. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Print the tool version and the TLS capabilities of this Java.",
        "%nLike FreeTDS `tsql -C`: Java version and vendor, security providers, the TLS protocols and cipher"
            + " suites the default context enables and supports, and whether the OpenSSL provider"
            + " (netty-tcnative) is available."},
    footer = {"", "Examples:", "  tds-tls version", "  tds-tls version --json", "  tds-tls --version"})
public final class VersionCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  /** Creates the command. */
  public VersionCommand() {}

  @Override
  public Integer call() {
    TlsCapabilities capabilities = TlsCapabilities.detect();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("version", ToolVersion.get());
      doc.putAll(capabilities.toMap());
      System.out.println(Json.write(doc));
    } else {
      VersionProvider.lines(capabilities).forEach(System.out::println);
    }
    return ExitCode.OK.code();
  }
}
