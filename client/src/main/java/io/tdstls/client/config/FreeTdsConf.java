package io.tdstls.client.config;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed freetds.conf, the configuration file of FreeTDS (and of what is built on it: cTDS,
 * pymssql, tsql), turned into {@link ConnectionConfig} builders with FreeTDS's semantics.
 *
 * <pre>{@code
 * ConnectionConfig config = FreeTdsConf.fromEnvironment()
 *     .forServer("myserver")
 *     .user("app").password(password)
 *     .build();
 * }</pre>
 *
 * <h2>Format</h2>
 *
 * <p>Sections {@code [name]} hold {@code key = value} lines. A line starting with {@code ;} or
 * {@code #} is a comment, and a value ends at the first {@code ;} or {@code #}. Keys and section
 * names are case-insensitive, and runs of spaces count as one. {@code [global]} gives defaults
 * that each server's section overrides; an empty value ({@code ca file =}) clears an inherited
 * one.
 *
 * <h2>Keys</h2>
 *
 * <table>
 *   <caption>freetds.conf keys with a meaning here</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>host, port, instance, database</td><td>where to connect, the initial database</td></tr>
 *   <tr><td>tds version</td><td>{@code 7.1} to {@code 7.4}, {@code 8.0} (strict only), {@code
 *       auto} (7.4)</td></tr>
 *   <tr><td>encryption</td><td>{@code off}, {@code request} (FreeTDS's default: optional),
 *       {@code require} (mandatory), {@code strict}</td></tr>
 *   <tr><td>ca file</td><td>PEM file of trusted CAs, or {@code system}</td></tr>
 *   <tr><td>crl file</td><td>revocation list, used with {@code ca file}</td></tr>
 *   <tr><td>check certificate hostname</td><td>yes (default) or no; also true/false/on/off/1/0</td></tr>
 *   <tr><td>certificate hostname</td><td>the name the certificate must carry</td></tr>
 *   <tr><td>enable tls v1, enable tls v1.1</td><td>allow TLS 1.0 (or 1.1) for old servers</td></tr>
 *   <tr><td>timeout, query timeout</td><td>seconds per read while a query runs</td></tr>
 *   <tr><td>connect timeout</td><td>seconds for the connection and login (both timeouts)</td></tr>
 * </table>
 *
 * <p>Accepted and ignored, since they tune FreeTDS itself: text size, client charset, charset,
 * language, dump file, dump file append, debug flags, debug level, emulate little endian, swap
 * broken dates, swap broken money, initial block size, use utf-16, asa database, use ntlmv2, use
 * lanman, realm, spn, enable gssapi delegation, mutual authentication, database filename,
 * read-only intent, openssl ciphers, gnutls ciphers, date format, date-only format, time-only
 * format. Any other key is a {@link TdsConfigException} listing the valid ones. As in FreeTDS, a
 * timeout of 0 leaves the default in place.
 *
 * <h2>FreeTDS semantics kept</h2>
 *
 * <ul>
 *   <li><b>No {@code ca file}, no validation.</b> FreeTDS accepts any server certificate unless a
 *       CA file is set. tds-tls maps that faithfully, through {@code
 *       TlsConfig.Builder.dangerous().trustServerCertificate(true)}, so every such connection
 *       logs a warning. Set {@code ca file} (a PEM file, or {@code system}) to validate.
 *   <li><b>Strict always validates</b>, with the system trust store when no {@code ca file} is
 *       set, as FreeTDS 1.4 does.
 *   <li><b>Host name check</b>: on by default whenever the certificate is validated.
 *   <li><b>Unknown names are host names.</b> When no section matches the name given to {@link
 *       #forServer(String)}, the name itself is the host ({@code host}, {@code host:port}, {@code
 *       host\instance}, {@code [::1]:1433}), with the {@code [global]} settings. A section without
 *       {@code host} also connects to its own name.
 * </ul>
 *
 * <h2>Where the file is</h2>
 *
 * <p>As FreeTDS: the file named by {@code FREETDSCONF}, then {@code ~/.freetds.conf}, then {@code
 * /usr/local/etc/freetds.conf}, then {@code /etc/freetds/freetds.conf}; the first that exists is
 * used (see {@link #locate(Map, Path)}).
 */
public final class FreeTdsConf {

  /** The environment variable naming the file, tried first. */
  public static final String ENV_VARIABLE = "FREETDSCONF";
  /** The per-user file, relative to the home directory. */
  public static final String USER_FILE = ".freetds.conf";
  /** The system-wide files, in the order they are tried. */
  public static final List<Path> SYSTEM_FILES =
      List.of(Path.of("/usr/local/etc/freetds.conf"), Path.of("/etc/freetds/freetds.conf"));

  private static final String GLOBAL = "global";

  private final Map<String, Map<String, Entry>> sections;

  private FreeTdsConf(Map<String, Map<String, Entry>> sections) {
    Map<String, Map<String, Entry>> copy = new LinkedHashMap<>();
    sections.forEach((name, keys) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
    this.sections = Collections.unmodifiableMap(copy);
  }

  /**
   * Parses the text of a freetds.conf.
   *
   * @param text the file's content
   * @return the configuration
   * @throws TdsConfigException with the line number, for an unknown key or a malformed line
   */
  public static FreeTdsConf parse(String text) {
    return new FreeTdsConf(FreeTdsConfReader.read(Objects.requireNonNull(text, "text")));
  }

  /**
   * Reads and parses a freetds.conf file (UTF-8).
   *
   * @param file the file
   * @return the configuration
   * @throws TdsConfigException if the file cannot be read, or for an unknown key or a malformed line
   */
  public static FreeTdsConf load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TdsConfigException("cannot read freetds.conf " + file + " (" + e.getMessage()
          + "): check the path and its permissions", e);
    }
  }

  /**
   * Returns a configuration with no sections: every server name is a host name.
   *
   * @return the empty configuration
   */
  public static FreeTdsConf empty() {
    return new FreeTdsConf(Map.of());
  }

  /**
   * Finds and loads the file FreeTDS would use, from the real environment and home directory.
   *
   * @return the configuration; {@link #empty()} if no file exists
   * @throws TdsConfigException if the file found cannot be read or parsed
   */
  public static FreeTdsConf fromEnvironment() {
    return locate(System.getenv(), Path.of(System.getProperty("user.home")))
        .map(FreeTdsConf::load).orElseGet(FreeTdsConf::empty);
  }

  /**
   * Finds the file FreeTDS would use: {@code FREETDSCONF} if it names an existing file, then
   * {@code home/.freetds.conf}, then {@link #SYSTEM_FILES}.
   *
   * @param env the environment variables
   * @param home the user's home directory
   * @return the first existing file, if any
   */
  public static Optional<Path> locate(Map<String, String> env, Path home) {
    return locate(env, home, SYSTEM_FILES);
  }

  /**
   * Finds the file FreeTDS would use, with the system-wide candidates given (for tests, or for a
   * FreeTDS installed elsewhere).
   *
   * @param env the environment variables
   * @param home the user's home directory
   * @param systemFiles the system-wide candidates, in order
   * @return the first existing file, if any
   */
  public static Optional<Path> locate(Map<String, String> env, Path home, List<Path> systemFiles) {
    List<Path> candidates = new ArrayList<>();
    String fromEnv = env.get(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        candidates.add(Path.of(fromEnv.trim()));
      } catch (InvalidPathException ignored) {
        // FreeTDS moves on to the next candidate when FREETDSCONF cannot be opened
      }
    }
    candidates.add(home.resolve(USER_FILE));
    candidates.addAll(systemFiles);
    return candidates.stream().filter(Files::isRegularFile).findFirst();
  }

  /**
   * Returns the section names, in lower case, {@code global} included if present.
   *
   * @return the names, in file order
   */
  public Set<String> sectionNames() {
    return sections.keySet();
  }

  /**
   * Returns the settings of one server, as a builder to complete (user, password) and build.
   * {@code [global]} settings apply, overridden by the server's section; without such a section
   * the name is taken as the host ({@code host[:port]} or {@code host\instance}).
   *
   * @param name the server name, case-insensitive
   * @return a builder holding the server's settings
   * @throws TdsConfigException if a value is not valid, naming the key and listing the valid values
   */
  public ConnectionConfig.Builder forServer(String name) {
    Objects.requireNonNull(name, "name");
    Map<String, Entry> merged = new LinkedHashMap<>(sections.getOrDefault(GLOBAL, Map.of()));
    String key = FreeTdsConfReader.collapse(name).toLowerCase(Locale.ROOT);
    merged.putAll(sections.getOrDefault(key, Map.of()));
    return new FreeTdsSettings(merged).toBuilder(name.trim());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeTdsConf && sections.equals(((FreeTdsConf) o).sections);
  }

  @Override
  public int hashCode() {
    return sections.hashCode();
  }

  @Override
  public String toString() {
    return "FreeTdsConf" + sections.keySet();
  }
}
