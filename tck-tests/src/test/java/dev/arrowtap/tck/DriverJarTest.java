package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    return run(jar, RemoteOnlyClient.class, url, jvmFlags);
  }

  private static List<String> run(Path jar, Class<?> client, String url, String... jvmFlags)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(jvmFlags));
    command.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + Path.of("target", "test-classes"),
            client.getName(),
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

  /**
   * Fetch size 0, a double against a DECIMAL, LIMIT with a long, a range check and a division by
   * zero, with each jar.
   */
  @Test
  void edgeCasesGiveTheRightAnswersWithBothJars() throws Exception {
    String expected = "statement=1200 prepared=1200 double=1 limit=3 range=22003 divide=22xxx";
    List<String> embedded = run(driverJar(), EdgeClient.class, "jdbc:arrowtap:");
    assertTrue(embedded.contains(expected), String.join("\n", embedded));
    // A user's error is in the SQLException only: no stack trace on the application's stderr.
    assertEquals(
        List.of(),
        embedded.stream().filter(line -> line.matches("\\s+at .*|.*Exception.*")).toList());
    for (Path jar : List.of(driverJar(), remoteOnlyJar())) {
      List<String> remote = run(jar, EdgeClient.class, Mode.REMOTE.url());
      assertTrue(remote.contains(expected), jar + "\n" + String.join("\n", remote));
    }
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

  @Test
  void fullJarCarriesNoHttpServer() throws Exception {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(driverJar().toFile())) {
      List<String> server =
          zip.stream()
              .map(java.util.zip.ZipEntry::getName)
              .filter(
                  name ->
                      name.contains("org/eclipse/jetty/")
                          || name.contains("javax/servlet/")
                          || name.contains("calcite/avatica/server/")
                          || name.startsWith("dev/arrowtap/server/http/"))
              .limit(10)
              .toList();
      assertEquals(List.of(), server);
    }
  }

  /** {@code bin/arrowtap server}'s classpath: the server module's jar and its libraries. */
  @Test
  void serverRunsOnTheServerModulesClasspath() throws Exception {
    Path target = Path.of("..", "server", "target");
    Path serverJar;
    try (Stream<Path> files = Files.list(target)) {
      serverJar =
          files
              .filter(
                  p ->
                      p.getFileName().toString().matches("arrowtap-server-[^-]+(-SNAPSHOT)?\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("server jar not built"));
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("arrowtap-server", ".log");
    Process server =
        new ProcessBuilder(
                javaBin,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                serverJar + File.pathSeparator + target.resolve("lib") + File.separator + "*",
                "dev.arrowtap.server.http.ServerMain",
                "--port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      java.util.regex.Pattern ready =
          java.util.regex.Pattern.compile("arrowtap server listening on (http://[^\\s]+)");
      // Waits for the server's line, or for it to die; a server that never says it listens fails
      // below with its log.
      await("the server says it listens, or exits")
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> !server.isAlive() || ready.matcher(Files.readString(log)).find());
      java.util.regex.Matcher matcher = ready.matcher(Files.readString(log));
      String url = matcher.find() ? matcher.group(1) : null;
      assertTrue(url != null, Files.readString(log));
      List<String> client = run("jdbc:arrowtap:url=" + url);
      assertTrue(client.contains("count=1000 product=arrowtap"), String.join("\n", client));
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }
}
