package io.tdstls.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

  @TempDir Path dir;

  @Test
  void aHashMatchesItsPasswordOnlyAndRoundTripsThroughItsText() {
    PasswordHash h = PasswordHash.create("correct horse".toCharArray(), 2000);
    assertThat(h.toString()).startsWith("pbkdf2-sha256$2000$").doesNotContain("correct");
    PasswordHash parsed = PasswordHash.parse(h.toString());
    assertThat(parsed).isEqualTo(h);
    assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
    assertThat(parsed.matches("correct horsE".toCharArray())).isFalse();
    assertThat(PasswordHash.create("correct horse".toCharArray(), 2000)).as("a new salt each time").isNotEqualTo(h);
  }

  @Test
  void theFileAuthenticatesItsUsers() throws Exception {
    Path f = Files.writeString(dir.resolve("users"), "# gateway users\n\n"
        + "alice:" + PasswordHash.create("a-pw".toCharArray(), 2000) + "\n"
        + "bob:" + PasswordHash.create("b-pw".toCharArray(), 2000) + "\n");
    PasswordFile users = PasswordFile.load(f);
    assertThat(users.userNames()).containsExactly("alice", "bob");
    assertThat(users.authenticate("alice", "a-pw")).isTrue();
    assertThat(users.authenticate("bob", "b-pw")).isTrue();
    assertThat(users.authenticate("alice", "b-pw")).isFalse();
    assertThat(users.authenticate("carol", "a-pw")).isFalse();
  }

  @Test
  void aBadLineIsNamedByNumberWithoutItsHash() throws Exception {
    Path f = Files.writeString(dir.resolve("users"), "alice:" + PasswordHash.create("x".toCharArray(), 2000)
        + "\nbob:pbkdf2-sha256$10$c2FsdHNhbHQ$aGFzaA\n");
    assertThatThrownBy(() -> PasswordFile.load(f)).isInstanceOf(TdsConfigException.class)
        .hasMessageContaining("users line 2 (user 'bob')")
        .hasMessageContaining("at least 1000")
        .hasMessageNotContaining("c2FsdHNhbHQ");
    Files.writeString(f, "just-a-name\n");
    assertThatThrownBy(() -> PasswordFile.load(f)).hasMessageContaining("line 1: not NAME:HASH");
    Files.writeString(f, "a:plaintext\n");
    assertThatThrownBy(() -> PasswordFile.load(f)).hasMessageContaining("must be pbkdf2-sha256$ITERATIONS$SALT$HASH");
  }

  @Test
  void tooFewIterationsAreRefused() {
    assertThatThrownBy(() -> PasswordHash.create("x".toCharArray(), 10)).hasMessageContaining("at least 1000");
  }
}
