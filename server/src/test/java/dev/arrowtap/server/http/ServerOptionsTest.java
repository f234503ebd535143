package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.log.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  @Test
  void defaultsBindLoopback() {
    ServerOptions options = ServerOptions.parse();
    assertEquals("127.0.0.1", options.bind());
    assertEquals(8765, options.port());
    assertEquals(Optional.empty(), options.catalog());
  }

  @Test
  void flightSqlPortIsAnOption() {
    assertEquals(Optional.of(0), ServerOptions.parse("--flight-sql-port", "0").flightSqlPort());
    assertEquals(Optional.empty(), ServerOptions.parse().flightSqlPort());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerOptions.parse("--flight-sql-port", "70000"));
  }

  @Test
  void fullMapping() {
    ServerOptions options =
        ServerOptions.parse("--catalog", "c.yaml", "--port", "0", "--bind", "0.0.0.0");
    assertEquals(new ServerOptions("0.0.0.0", 0, Optional.of(Path.of("c.yaml"))), options);
  }

  /** Issue 7: the per-query memory limit is set per server. */
  @Test
  void queryMemoryLimit() {
    ServerOptions options = ServerOptions.parse("--query-memory-limit", "512M");
    assertEquals(512L << 20, options.queryMemoryLimit());
    assertEquals(512L << 20, ServerMain.engineConfig(options).memory().queryBytes());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerOptions.parse("--query-memory-limit", "lots"));
    assertTrue(bad.getMessage().contains("--query-memory-limit"), bad.getMessage());
  }

  @Test
  void logLevelAndFile() {
    assertEquals(LogSettings.DEFAULTS, ServerOptions.parse().log());
    ServerOptions options = ServerOptions.parse("--log-level", "WARN", "--log-file", "s.log");
    assertEquals(new LogSettings(Level.WARNING, Optional.of(Path.of("s.log"))), options.log());
    assertEquals(Level.FINE, ServerOptions.parse("--log-level", "debug").log().level());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> ServerOptions.parse("--log-level", "loud"));
    assertTrue(bad.getMessage().contains("error, warn, info, debug or off"), bad.getMessage());
  }

  @Test
  void workersSecretAndAttempts() {
    ServerOptions options =
        ServerOptions.parse(
            "--workers",
            "127.0.0.1:4001, [::1]:4002",
            "--secret-file",
            "s.txt",
            "--task-attempts",
            "2");
    assertEquals(
        List.of(new WorkerAddress("127.0.0.1", 4001), new WorkerAddress("::1", 4002)),
        options.workers());
    assertEquals("[::1]:4002", options.workers().get(1).toString());
    assertEquals(Optional.of(Path.of("s.txt")), options.secretFile());
    assertEquals(2, options.taskAttempts());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> ServerOptions.parse("--workers", "nohost"))
            .getMessage()
            .contains("host:port"));
  }

  @Test
  void badOptionsAreNamed() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--port", "x"))
            .getMessage()
            .contains("--port"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--color", "red"))
            .getMessage()
            .contains("--color"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--port"))
            .getMessage()
            .contains("needs a value"));
  }
}
