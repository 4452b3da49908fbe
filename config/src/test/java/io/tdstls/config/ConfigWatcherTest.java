package io.tdstls.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

  @TempDir Path dir;

  @Test
  void appliesAValidChangeAndKeepsTheRunningConfigOnAnInvalidOne() throws Exception {
    Path file = Files.writeString(dir.resolve("c.yaml"), "listener:\n  max-connections: 5\n");
    List<TdsTlsConfig> applied = new ArrayList<>();
    try (ConfigWatcher w = ConfigWatcher.manual(TdsTlsConfig.load(file), applied::add)) {
      assertThat(w.check()).isEqualTo(ConfigWatcher.Result.UNCHANGED);
      Files.writeString(file, "listener:\n  max-connections: 7\n");
      assertThat(w.check()).isEqualTo(ConfigWatcher.Result.APPLIED);
      assertThat(w.current().listener().maxConnections()).isEqualTo(7);
      Files.writeString(file, "listener:\n  max-connections: -1\n");
      assertThat(w.check()).isEqualTo(ConfigWatcher.Result.REJECTED);
      assertThat(w.current().listener().maxConnections()).isEqualTo(7);
      assertThat(w.check()).as("the same bad file is not reported again").isEqualTo(ConfigWatcher.Result.UNCHANGED);
      assertThat(applied).extracting(c -> c.listener().maxConnections()).containsExactly(7);
    }
  }

  @Test
  void aChangedUsersFileTriggersAReload() throws Exception {
    Path users = Files.writeString(dir.resolve("users.txt"), "# none yet\n");
    Path file = Files.writeString(dir.resolve("c.yaml"), "users:\n  file: users.txt\n");
    List<TdsTlsConfig> applied = new ArrayList<>();
    try (ConfigWatcher w = ConfigWatcher.manual(TdsTlsConfig.load(file), applied::add)) {
      Files.writeString(users, "# changed\n");
      assertThat(w.check()).isEqualTo(ConfigWatcher.Result.APPLIED);
      assertThat(applied).hasSize(1);
    }
  }

  @Test
  void aListenerThatRefusesTheConfigKeepsTheOldOne() throws Exception {
    Path file = Files.writeString(dir.resolve("c.yaml"), "listener:\n  port: 1\n");
    try (ConfigWatcher w = ConfigWatcher.manual(TdsTlsConfig.load(file), c -> {
      throw new IllegalArgumentException("the port cannot change without a restart");
    })) {
      Files.writeString(file, "listener:\n  port: 2\n");
      assertThat(w.check()).isEqualTo(ConfigWatcher.Result.REJECTED);
      assertThat(w.current().listener().port()).isEqualTo(1);
    }
  }
}
