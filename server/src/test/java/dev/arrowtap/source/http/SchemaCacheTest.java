package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import dev.arrowtap.types.ColumnType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inferred columns are kept for the cache's TTL and failures for 30 s, on a clock the test sets.
 */
class SchemaCacheTest {
  @TempDir Path dir;
  private FeedTestServer api;
  private final SettableClock clock = new SettableClock();
  private final SchemaCache cache = new SchemaCache(Duration.ofMinutes(10), clock);

  @BeforeEach
  void start() {
    api = FeedTestServer.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private FeedDef inferred() throws Exception {
    return OneFeed.load(dir, "        url: " + api.url("/users") + "\n");
  }

  @Test
  void inferredColumnsAreFetchedOnceUntilTheTtlPasses() throws Exception {
    api.route("/users", r -> Reply.json("[{\"id\": 1, \"name\": \"ann\"}]"));
    FeedDef feed = inferred();
    List<ColumnBinding> columns = cache.columns(feed, "s.t", SessionSettings.DEFAULTS);
    assertEquals(List.of("id", "name"), columns.stream().map(b -> b.column().name()).toList());
    assertEquals(ColumnType.BIGINT, columns.get(0).column().type());
    assertTrue(columns.get(0).column().nullable(), "a later record may lack any field");

    clock.advance(Duration.ofMinutes(9));
    assertEquals(columns, cache.columns(feed, "s.t", SessionSettings.DEFAULTS));
    assertEquals(1, api.count("/users"));

    clock.advance(Duration.ofMinutes(2));
    cache.columns(feed, "s.t", SessionSettings.DEFAULTS);
    assertEquals(2, api.count("/users"));
  }

  @Test
  void aFailureIsRememberedForThirtySeconds() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    api.route("/users", r -> down.get() ? Reply.status(503, "{}") : Reply.json("[{\"id\": 1}]"));
    FeedDef feed =
        OneFeed.load(dir, "        url: " + api.url("/users") + "\n        retry: {attempts: 1}\n");
    ArrowtapException first =
        assertThrows(
            ArrowtapException.class, () -> cache.columns(feed, "k", SessionSettings.DEFAULTS));
    assertEquals(SqlStates.FEED_UNAVAILABLE, first.sqlState());
    assertTrue(first.getMessage().contains("cannot infer columns"), first.getMessage());
    long calls = api.count("/users");

    down.set(false);
    clock.advance(Duration.ofSeconds(29));
    assertEquals(
        first,
        assertThrows(
            ArrowtapException.class, () -> cache.columns(feed, "k", SessionSettings.DEFAULTS)));
    assertEquals(calls, api.count("/users"), "no request while the failure is remembered");

    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, cache.columns(feed, "k", SessionSettings.DEFAULTS).size());
  }

  @Test
  void declaredColumnsNeedNoRequest() throws Exception {
    FeedDef feed =
        OneFeed.load(
            dir,
            "        url: "
                + api.url("/users")
                + "\n        columns: [ {name: id, type: BIGINT} ]\n");
    assertEquals("id", cache.columns(feed, "k", SessionSettings.DEFAULTS).get(0).column().name());
    assertEquals(0, api.count("/users"));
  }

  /** A clock that moves only when told. */
  private static final class SettableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
