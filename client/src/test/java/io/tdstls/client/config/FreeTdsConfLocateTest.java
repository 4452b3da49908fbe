package io.tdstls.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeTdsConfLocateTest {

  @TempDir
  Path dir;

  private Path home;
  private Path fromEnv;
  private Path userFile;
  private Path usrLocal;
  private Path etc;
  private List<Path> system;

  @BeforeEach
  void paths() throws IOException {
    home = Files.createDirectory(dir.resolve("home"));
    fromEnv = dir.resolve("custom.conf");
    userFile = home.resolve(".freetds.conf");
    usrLocal = dir.resolve("usr-local-etc-freetds.conf");
    etc = dir.resolve("etc-freetds-freetds.conf");
    system = List.of(usrLocal, etc);
  }

  private static void write(Path file, String host) throws IOException {
    Files.writeString(file, "[s]\nhost = " + host + "\n");
  }

  private Map<String, String> env() {
    return Map.of("FREETDSCONF", fromEnv.toString());
  }

  @Test
  void theEnvironmentVariableComesFirst() throws IOException {
    write(fromEnv, "env");
    write(userFile, "user");
    write(usrLocal, "usr-local");
    write(etc, "etc");

    assertThat(FreeTdsConf.locate(env(), home, system)).contains(fromEnv);
    assertThat(FreeTdsConf.load(FreeTdsConf.locate(env(), home, system).orElseThrow()).forServer("s").build().host())
        .isEqualTo("env");
  }

  @Test
  void thenTheUsersFile() throws IOException {
    write(userFile, "user");
    write(usrLocal, "usr-local");
    write(etc, "etc");

    assertThat(FreeTdsConf.locate(env(), home, system)).contains(userFile);
    assertThat(FreeTdsConf.locate(Map.of(), home, system)).contains(userFile);
  }

  @Test
  void thenTheSystemFilesInOrder() throws IOException {
    write(etc, "etc");
    assertThat(FreeTdsConf.locate(env(), home, system)).contains(etc);

    write(usrLocal, "usr-local");
    assertThat(FreeTdsConf.locate(env(), home, system)).contains(usrLocal);
  }

  @Test
  void noFileAnywhere() {
    assertThat(FreeTdsConf.locate(Map.of("FREETDSCONF", ""), home, system)).isEmpty();
    assertThat(FreeTdsConf.locate(env(), home, system)).isEmpty();
  }

  @Test
  void aDirectoryIsNotAFile() throws IOException {
    Files.createDirectory(fromEnv);
    write(etc, "etc");

    assertThat(FreeTdsConf.locate(env(), home, system)).contains(etc);
  }

  @Test
  void theDefaultSystemFilesAreFreeTdsOnes() {
    assertThat(FreeTdsConf.SYSTEM_FILES)
        .containsExactly(Path.of("/usr/local/etc/freetds.conf"), Path.of("/etc/freetds/freetds.conf"));
  }

  @Test
  void anUnreadableFileIsATypedError() {
    assertThatThrownBy(() -> FreeTdsConf.load(dir.resolve("missing.conf")))
        .isInstanceOf(TdsConfigException.class)
        .hasMessageStartingWith("cannot read freetds.conf " + dir.resolve("missing.conf"));
  }
}
