package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.log.ProcessLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated failed logins are refused for a while, by user and by address, and logged. */
class LoginThrottleTest {
  @TempDir Path dir;

  @Test
  void failedLoginsLockTheUserAndTheAddressUntilTheLockEnds() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "ann: s3cret-pw, arrowtap\nbob: other-pw, arrowtap\n");
    SettableClock clock = new SettableClock();
    List<String> log = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord entry) {
            log.add(entry.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(ProcessLog.ROOT + ".server");
    logger.addHandler(capture);
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults()),
            "127.0.0.1",
            0,
            Serialization.JSON,
            Optional.of(users),
            Optional.empty(),
            clock)) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < LoginGuard.FREE_FAILURES; i++) {
        assertEquals(401, call(http, server, "ann", "guess-" + i).statusCode(), "failure " + i);
      }
      // From the fifth failure on, nothing is checked: 100 more guesses are refused unseen.
      for (int i = 0; i < 100; i++) {
        HttpResponse<String> refused = call(http, server, "ann", "guess-x" + i);
        assertEquals(429, refused.statusCode());
        assertEquals("30", refused.headers().firstValue("Retry-After").orElseThrow());
      }
      assertEquals(429, call(http, server, "ann", "s3cret-pw").statusCode(), "the right password");
      assertEquals(429, call(http, server, "bob", "other-pw").statusCode(), "the same address");

      clock.advance(Duration.ofSeconds(31));
      assertEquals(200, call(http, server, "ann", "s3cret-pw").statusCode());
      assertEquals(200, call(http, server, "bob", "other-pw").statusCode());
      // The success cleared the count: four new failures lock nothing yet.
      for (int i = 0; i < LoginGuard.FREE_FAILURES - 1; i++) {
        assertEquals(401, call(http, server, "ann", "again-" + i).statusCode());
      }
      assertEquals(200, call(http, server, "ann", "s3cret-pw").statusCode());
    } finally {
      logger.removeHandler(capture);
    }
    assertTrue(
        log.stream().anyMatch(line -> line.contains("event=login_failed") && line.contains("ann")),
        String.join("\n", log));
    assertTrue(log.stream().anyMatch(line -> line.contains("event=login_refused")));
    assertFalse(log.stream().anyMatch(line -> line.contains("guess") || line.contains("s3cret")));
  }

  @Test
  void theLockDoublesWithEachFurtherFailureUpToItsLongest() {
    assertEquals(Duration.ZERO, LoginGuard.lock(LoginGuard.FREE_FAILURES - 1));
    assertEquals(Duration.ofSeconds(30), LoginGuard.lock(LoginGuard.FREE_FAILURES));
    assertEquals(Duration.ofSeconds(60), LoginGuard.lock(LoginGuard.FREE_FAILURES + 1));
    assertEquals(Duration.ofMinutes(15), LoginGuard.lock(LoginGuard.FREE_FAILURES + 50));
  }

  private static HttpResponse<String> call(
      HttpClient http, ArrowtapServer server, String user, String password) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + "/"))
            .header("Authorization", "Basic " + credentials)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"request\":\"openConnection\",\"connectionId\":\""
                        + UUID.randomUUID()
                        + "\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A clock that moves only when told; read from the server's threads. */
  private static final class SettableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
