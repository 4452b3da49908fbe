package io.tdstls.cli.version;

import java.lang.reflect.InvocationTargetException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TLS capabilities of the running Java, as FreeTDS {@code tsql -C} reports its build: the
 * Java runtime, the security providers, what the default {@link SSLContext} enables and supports,
 * and whether Netty's OpenSSL provider (netty-tcnative) is available.
 *
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param javaRuntime {@code java.runtime.name} and {@code java.vm.name}
 * @param providers each security provider as {@code name version}
 * @param enabledProtocols the protocols the default context enables
 * @param supportedProtocols the protocols it supports
 * @param enabledCipherSuites the cipher suites it enables, in preference order
 * @param supportedCipherSuites the cipher suites it supports
 * @param openSsl {@code yes}, or {@code no} with the reason
 */
public record TlsCapabilities(
    String javaVersion,
    String javaVendor,
    String javaRuntime,
    List<String> providers,
    List<String> enabledProtocols,
    List<String> supportedProtocols,
    List<String> enabledCipherSuites,
    List<String> supportedCipherSuites,
    String openSsl) {

  private static final String OPENSSL_CLASS = "io.netty.handler.ssl.OpenSsl";

  /**
   * Copies the lists.
   *
   * @param javaVersion see the record component
   * @param javaVendor see the record component
   * @param javaRuntime see the record component
   * @param providers see the record component
   * @param enabledProtocols see the record component
   * @param supportedProtocols see the record component
   * @param enabledCipherSuites see the record component
   * @param supportedCipherSuites see the record component
   * @param openSsl see the record component
   */
  public TlsCapabilities {
    providers = List.copyOf(providers);
    enabledProtocols = List.copyOf(enabledProtocols);
    supportedProtocols = List.copyOf(supportedProtocols);
    enabledCipherSuites = List.copyOf(enabledCipherSuites);
    supportedCipherSuites = List.copyOf(supportedCipherSuites);
  }

  /**
   * Reads the capabilities of this Java process.
   *
   * @return the capabilities
   * @throws IllegalStateException if the JDK has no default TLS context
   */
  public static TlsCapabilities detect() {
    List<String> providers = new ArrayList<>();
    for (Provider p : Security.getProviders()) {
      providers.add(p.getName() + " " + p.getVersionStr());
    }
    SSLContext context;
    try {
      context = SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no default TLS context: check java.security", e);
    }
    SSLParameters enabled = context.getDefaultSSLParameters();
    SSLParameters supported = context.getSupportedSSLParameters();
    String runtime = System.getProperty("java.runtime.name", "") + ", " + System.getProperty("java.vm.name", "");
    return new TlsCapabilities(System.getProperty("java.version"), System.getProperty("java.vendor"), runtime,
        providers, List.of(enabled.getProtocols()), List.of(supported.getProtocols()),
        List.of(enabled.getCipherSuites()), List.of(supported.getCipherSuites()), detectOpenSsl());
  }

  /**
   * Tells whether Netty's OpenSSL provider can be used, without needing Netty on the classpath.
   *
   * @return {@code yes}, or {@code no} with the reason
   */
  static String detectOpenSsl() {
    Class<?> openSsl;
    try {
      openSsl = Class.forName(OPENSSL_CLASS);
    } catch (ClassNotFoundException | LinkageError e) {
      return "no (netty-handler not on the classpath)";
    }
    try {
      if ((Boolean) openSsl.getMethod("isAvailable").invoke(null)) {
        return "yes (" + openSsl.getMethod("versionString").invoke(null) + ")";
      }
      Throwable cause = (Throwable) openSsl.getMethod("unavailabilityCause").invoke(null);
      return "no (" + (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError
          ? "netty-tcnative not on the classpath" : String.valueOf(cause)) + ")";
    } catch (ReflectiveOperationException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      return "no (" + cause + ")";
    }
  }

  /**
   * Returns the capabilities as JSON-ready maps and lists.
   *
   * @return the document
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("java_version", javaVersion);
    m.put("java_vendor", javaVendor);
    m.put("java_runtime", javaRuntime);
    m.put("providers", providers);
    m.put("enabled_protocols", enabledProtocols);
    m.put("supported_protocols", supportedProtocols);
    m.put("enabled_cipher_suites", enabledCipherSuites);
    m.put("supported_cipher_suites", supportedCipherSuites);
    m.put("openssl", openSsl);
    return m;
  }

  /**
   * Describes the capabilities in {@code tsql -C} style, one fact per line; the supported
   * cipher suites that are not enabled are counted, not listed.
   *
   * @return the lines
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(row("Java", javaVersion + " (" + javaVendor + ")"));
    lines.add(row("Runtime", javaRuntime));
    lines.add(row("Security providers", String.join(", ", providers)));
    lines.add(row("TLS protocols enabled", String.join(", ", enabledProtocols)));
    lines.add(row("TLS protocols supported", String.join(", ", supportedProtocols)));
    lines.add(row("Cipher suites enabled", enabledCipherSuites.size() + ", in preference order:"));
    for (String s : enabledCipherSuites) {
      lines.add(row("", s));
    }
    lines.add(row("Cipher suites supported", supportedCipherSuites.size()
        + " (" + (supportedCipherSuites.size() - enabledCipherSuites.size()) + " not enabled by default)"));
    lines.add(row("OpenSSL (netty-tcnative)", openSsl));
    return lines;
  }

  private static String row(String name, String value) {
    return name.isEmpty() ? " ".repeat(28) + value : String.format("%26s: %s", name, value);
  }
}
