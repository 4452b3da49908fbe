package io.tdstls.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.TlsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConnectionStringPropertiesTest {

  /** The settings a generated connection string carries. */
  record Settings(String host, Integer port, String instance, String database, String user, String password,
      String app, int packetSize, int timeoutSeconds, EncryptMode mode) {

    ConnectionConfig expected() {
      ConnectionConfig.Builder b = ConnectionConfig.builder().host(host).instanceName(instance).database(database)
          .user(user).password(password.toCharArray()).applicationName(app).packetSize(packetSize)
          .connectTimeout(Duration.ofSeconds(timeoutSeconds)).loginTimeout(Duration.ofSeconds(timeoutSeconds))
          .tls(TlsConfig.builder().mode(mode).build());
      if (port != null) {
        b.port(port);
      }
      return b.build();
    }
  }

  @Provide
  Arbitrary<Settings> settings() {
    Arbitrary<String> host = Combinators.combine(
            Arbitraries.chars().range('a', 'z'),
            Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.").ofMaxLength(30))
        .as((first, rest) -> first + rest);
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535).injectNull(0.3);
    Arbitrary<String> instance = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(16).injectNull(0.5);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40)
        .edgeCases(c -> c.add(";'\"={}}{ ;;").add("''").add("\"\"").add("}}"));
    return Combinators.combine(host, port, instance, text, text, text, text,
            Arbitraries.integers().between(512, 32767))
        .as((h, p, i, d, u, pw, a, size) -> new Object[] {h, p, i, d, u, pw, a, size})
        .flatMap(parts -> Combinators.combine(Arbitraries.integers().between(0, 3600), Arbitraries.of(EncryptMode.class))
            .as((timeout, mode) -> new Settings((String) parts[0], (Integer) parts[1], (String) parts[2],
                (String) parts[3], (String) parts[4], (String) parts[5], (String) parts[6], (Integer) parts[7],
                timeout, mode)));
  }

  @Property(tries = 2000)
  void adoNetRoundTrip(@ForAll("settings") Settings s, @ForAll Random random) {
    List<String> pairs = new ArrayList<>();
    String server = "tcp:" + s.host() + (s.instance() == null ? "" : "\\" + s.instance())
        + (s.port() == null ? "" : "," + s.port());
    pairs.add(pick(random, "Server", "Data Source", "Address", "Addr", "Network Address") + "=" + server);
    pairs.add(pick(random, "Database", "Initial Catalog") + "=" + quoteAdo(random, s.database()));
    pairs.add(pick(random, "User ID", "UID", "User") + "=" + quoteAdo(random, s.user()));
    pairs.add(pick(random, "Password", "PWD") + "=" + quoteAdo(random, s.password()));
    pairs.add(pick(random, "Application Name", "App") + "=" + quoteAdo(random, s.app()));
    pairs.add("Packet Size=" + s.packetSize());
    pairs.add(pick(random, "Connect Timeout", "Connection Timeout", "Timeout") + "=" + s.timeoutSeconds());
    pairs.add("Encrypt=" + msName(random, s.mode()));
    Collections.shuffle(pairs, random);
    List<String> cased = new ArrayList<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      cased.add(randomCase(random, pair.substring(0, eq)) + pair.substring(eq));
    }
    String connectionString = String.join(";", cased) + (random.nextBoolean() ? ";" : "");

    assertThat(ConnectionStrings.parse(connectionString)).isEqualTo(s.expected());
  }

  @Property(tries = 2000)
  void jdbcRoundTrip(@ForAll("settings") Settings s, @ForAll Random random) {
    List<String> pairs = new ArrayList<>();
    pairs.add(pick(random, "databaseName", "database") + "=" + braced(s.database()));
    pairs.add(pick(random, "user", "userName") + "=" + braced(s.user()));
    pairs.add("password=" + braced(s.password()));
    pairs.add("applicationName=" + braced(s.app()));
    pairs.add("packetSize=" + s.packetSize());
    pairs.add("loginTimeout=" + s.timeoutSeconds());
    pairs.add("encrypt=" + msName(random, s.mode()));
    Collections.shuffle(pairs, random);
    List<String> cased = new ArrayList<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      cased.add(randomCase(random, pair.substring(0, eq)) + pair.substring(eq));
    }
    String url = "jdbc:sqlserver://" + s.host() + (s.instance() == null ? "" : "\\" + s.instance())
        + (s.port() == null ? "" : ":" + s.port()) + ";" + String.join(";", cased);

    assertThat(ConnectionStrings.parse(url)).isEqualTo(s.expected());
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> fragments = Arbitraries.oneOf(
        Arbitraries.strings().withChars("=;'\"{}[]\\,:.- \tabcSERVtcp0159").ofMaxLength(30),
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.of(AdoNetParser.KEYS.canonicalNames()).map(k -> k + "="),
        Arbitraries.of(JdbcUrlParser.KEYS.canonicalNames()).map(k -> ";" + k + "="),
        Arbitraries.of("Server=db", "jdbc:sqlserver://", "Encrypt=strict", "TrustServerCertificate=true",
            "'", "\"", "{", "}", "==", ";", "tcp:", "[::1]", "\\", ",", ":", "\u0000"));
    return fragments.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Property(tries = 5000)
  void anyInputGivesAConfigOrATypedError(@ForAll("noise") String input) {
    for (String candidate : List.of(input, "Server=db;" + input, "jdbc:sqlserver://" + input, "jdbc:sqlserver://db;" + input)) {
      Throwable thrown = catchThrowable(() -> ConnectionStrings.parse(candidate));
      if (thrown != null) {
        assertThat(thrown).as(candidate).isInstanceOf(TdsConfigException.class);
        assertThat(thrown.getMessage()).as(candidate).isNotBlank();
      }
    }
  }

  private static String pick(Random random, String... names) {
    return names[random.nextInt(names.length)];
  }

  private static String randomCase(Random random, String key) {
    StringBuilder b = new StringBuilder();
    for (char c : key.toCharArray()) {
      b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  private static String quoteAdo(Random random, String value) {
    char q = random.nextBoolean() ? '\'' : '"';
    String doubled = value.replace(String.valueOf(q), String.valueOf(q) + q);
    return q + doubled + q;
  }

  private static String braced(String value) {
    return "{" + value.replace("}", "}}") + "}";
  }

  private static String msName(Random random, EncryptMode mode) {
    switch (mode) {
      case OFF:
        return "off";
      case OPTIONAL:
        return pick(random, "false", "no", "optional", "Optional");
      case MANDATORY:
        return pick(random, "true", "yes", "mandatory", "TRUE");
      default:
        return mode.label().toUpperCase(Locale.ROOT);
    }
  }
}
