package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The self-contained driver jar, used alone in a fresh JVM, as a BI tool would use it. */
class DriverJarTest {
  static Path driverJar() throws IOException {
    return jar("arrowtap-jdbc-[^-]+(-SNAPSHOT)?\\.jar");
  }

  static Path remoteOnlyJar() throws IOException {
    return jar("arrowtap-jdbc-.*-remote\\.jar");
  }

  private static Path jar(String pattern) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "driver", "target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches(pattern))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("driver jar not built: " + pattern));
    }
  }

  private static List<String> run(String url, String... jvmFlags) throws Exception {
    return run(driverJar(), url, jvmFlags);
  }

  private static List<String> run(Path jar, String url, String... jvmFlags) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(jvmFlags));
    command.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + Path.of("target", "test-classes"),
            RemoteOnlyClient.class.getName(),
            url));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join("\n", lines));
    return lines;
  }

  @Test
  void embeddedModeWorksWithNoJvmFlags() throws Exception {
    List<String> out = run("jdbc:arrowtap:");
    assertTrue(out.contains("count=1000 product=arrowtap"), String.join("\n", out));
  }

  @Test
  void remoteModeLoadsNeitherCalciteNorArrow() throws Exception {
    List<String> out = run(Mode.REMOTE.url(), "-Xlog:class+load=info");
    assertTrue(out.contains("count=1000 product=arrowtap"), String.join("\n", out));
    List<String> engineClasses =
        out.stream()
            .filter(
                line ->
                    line.contains("org.apache.arrow.")
                        || line.matches(".*org\\.apache\\.calcite\\.(?!avatica).*")
                        || line.contains("dev.arrowtap.server."))
            .toList();
    assertEquals(List.of(), engineClasses);
  }

  @Test
  void remoteOnlyJarConnectsWithTheSameDriverAndUrl() throws Exception {
    List<String> out = run(remoteOnlyJar(), Mode.REMOTE.url());
    assertTrue(out.contains("count=1000 product=arrowtap"), String.join("\n", out));
    assertTrue(
        Files.size(remoteOnlyJar()) < 12_000_000, "a few MB: " + Files.size(remoteOnlyJar()));
  }

  @Test
  void everyBundledLibraryIsRelocated() throws Exception {
    for (Path jar : List.of(driverJar(), remoteOnlyJar())) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
        List<String> foreign =
            zip.stream()
                .map(java.util.zip.ZipEntry::getName)
                .filter(name -> name.endsWith(".class"))
                .filter(name -> !name.startsWith("dev/arrowtap/"))
                .limit(10)
                .toList();
        assertEquals(List.of(), foreign, jar.toString());
      }
    }
  }
}
