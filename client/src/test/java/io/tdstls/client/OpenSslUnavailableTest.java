package io.tdstls.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without Netty on the class path (it is an optional dependency of the client), choosing OpenSSL
 * is a typed configuration error that says what is missing, and the JDK provider still works.
 */
class OpenSslUnavailableTest {

  @Test
  void openSslWithoutNettyIsATypedErrorAndTheJdkStillWorks() throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("netty"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).doesNotContain("netty-tcnative").doesNotContain("netty-handler");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, NoNettyMain.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("available=false")
        .contains("reason=the OpenSSL provider needs io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static")
        .contains("error=TdsConfigException: the OpenSSL provider needs")
        .contains("use the JDK provider")
        .contains("jdk=ok");
    assertThat(p.exitValue()).as(out).isZero();
  }
}
