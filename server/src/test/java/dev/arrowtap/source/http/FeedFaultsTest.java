package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.CatalogException;
import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.MetaErrors;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every fault a feed can show, and what the user sees: nothing lost, nothing doubled, a clear
 * error.
 */
class FeedFaultsTest {
  private static final String TOKEN = "tok-very-secret-42";
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";
  private static final String FAST_RETRY =
      "        retry: {attempts: 3, initial_delay_ms: 1, max_delay_ms: 20}\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  /** A connection to a catalog of one table, t.users, with these keys after its URL. */
  private Connection connect(String table) throws Exception {
    return feeds.connectTables("      - name: users\n        url: URL/users\n" + table);
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM t.users")) {
      rs.next();
      assertEquals(rs.getLong(1), rs.getLong(2), "a record was returned twice");
      return rs.getLong(1);
    }
  }

  /** The SQLState the JDBC client sees: the Meta reports the engine error's own state. */
  private static String state(SQLException error) {
    return MetaErrors.userError(error).map(ArrowtapException::sqlState).orElse(error.getSQLState());
  }

  private static SQLException failure(Connection c) {
    return assertThrows(SQLException.class, () -> count(c));
  }

  /** Pages of 10 records at ?page=1..3 (offset by page). */
  private static Reply page(FeedTestServer.Request r) {
    int page = Integer.parseInt(r.param("page"));
    return Reply.json(
        "[" + String.join(",", FeedTestServer.records((page - 1) * 10L, page * 10L)) + "]");
  }

  private static final String PAGED =
      // No prefetch: these tests count every request.
      "        pagination: {style: page, page_size: 10, size_param: '', prefetch: false}\n";

  @Test
  void tooManyRequestsIsRetriedAfterTheServersDelay() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/users",
        r -> {
          if (r.param("page").equals("2") && calls.incrementAndGet() == 1) {
            return Reply.status(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "0");
          }
          return Integer.parseInt(r.param("page")) > 3 ? Reply.json("[]") : page(r);
        });
    try (Connection c = connect(COLUMNS + PAGED + FAST_RETRY)) {
      assertEquals(30, count(c));
      assertEquals(
          5, api.count("/users"), "pages 1-4 (the fourth is empty) and one retry of page 2");
    }
  }

  @Test
  void serviceUnavailableOnceIsRetriedWithoutDuplicates() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/users",
        r -> {
          if (r.param("page").equals("1") && calls.incrementAndGet() == 1) {
            return Reply.status(503, "down");
          }
          return Integer.parseInt(r.param("page")) > 3 ? Reply.json("[]") : page(r);
        });
    try (Connection c = connect(COLUMNS + PAGED + FAST_RETRY)) {
      assertEquals(30, count(c));
      assertEquals(5, api.count("/users"));
      assertEquals(
          2, api.requests("/users").stream().filter(r -> r.param("page").equals("1")).count());
    }
  }

  @Test
  void clientErrorIsNotRetriedAndIsExplained() throws Exception {
    api.route(
        "/users",
        r ->
            r.param("page").equals("2")
                ? Reply.status(404, "{\"error\":\"no such page\"}")
                : page(r));
    try (Connection c = connect(COLUMNS + PAGED + FAST_RETRY)) {
      SQLException error = failure(c);
      assertEquals("08006", state(error));
      assertTrue(
          error.getMessage().contains("feed t.users, page 2, GET " + api.url("/users?page=2")),
          error.getMessage());
      assertTrue(
          error.getMessage().contains("HTTP 404: {\"error\":\"no such page\"}"),
          error.getMessage());
      assertEquals(
          1, api.requests("/users").stream().filter(r -> r.param("page").equals("2")).count());
    }
  }

  @Test
  void persistentServerErrorGivesUpAfterTheAttempts() throws Exception {
    api.route("/users", r -> Reply.status(502, "bad gateway"));
    try (Connection c = connect(COLUMNS + FAST_RETRY)) {
      SQLException error = failure(c);
      assertTrue(
          error.getMessage().contains("HTTP 502: bad gateway (after 3 attempts)"),
          error.getMessage());
      assertEquals(3, api.count("/users"));
    }
  }

  @Test
  void malformedPageNamesPageAndByteOffset() throws Exception {
    api.route(
        "/users",
        r ->
            r.param("page").equals("2")
                ? Reply.json("[{\"id\": 10, \"name\": \"x\"}, {\"id\": 11, \"name\" \"y\"}]")
                : page(r));
    try (Connection c = connect(COLUMNS + PAGED)) {
      SQLException error = failure(c);
      assertEquals("22P02", state(error));
      assertTrue(error.getMessage().contains("feed t.users, page 2"), error.getMessage());
      // Issue 7: one record number, counted from 1 within the page, and one byte offset.
      String message = error.getMessage();
      assertTrue(message.matches("(?s).*: record 2, byte \\d+: malformed JSON: .*"), message);
      assertEquals(1, message.split("record ", -1).length - 1, message);
      assertEquals(1, message.split("byte ", -1).length - 1, message);
    }
  }

  /** Issue 7: a body cut off mid-transfer is retried, and resumes without doubling rows. */
  @Test
  void bodyCutOffOnceIsRetriedWithoutDuplicates() throws Exception {
    AtomicInteger secondPage = new AtomicInteger();
    api.route(
        "/users",
        r -> {
          int page = Integer.parseInt(r.param("page"));
          if (page > 3) {
            return Reply.json("[]");
          }
          return page == 2 && secondPage.incrementAndGet() == 1 ? page(r).truncated() : page(r);
        });
    connect(COLUMNS + PAGED + FAST_RETRY).close();
    // Small batches, so that rows of the broken page were delivered before it broke.
    try (Connection c = feeds.connect(Map.of("batch_size", "2"))) {
      assertEquals(30, count(c));
      assertEquals(2, secondPage.get(), "page 2 is fetched again");
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT retries, http_requests FROM sys.task_metrics WHERE scan LIKE '%users%'")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
        assertEquals(5, rs.getLong(2));
      }
    }
  }

  @Test
  void bodyCutOffEveryTimeFailsWithTheConnectionState() throws Exception {
    api.route(
        "/users",
        r ->
            r.param("page").equals("3")
                ? page(r).truncated()
                : Integer.parseInt(r.param("page")) > 3 ? Reply.json("[]") : page(r));
    try (Connection c = connect(COLUMNS + PAGED + FAST_RETRY)) {
      SQLException error = failure(c);
      assertTrue(error.getMessage().contains("feed t.users, page 3"), error.getMessage());
      assertTrue(error.getMessage().contains("after 3 attempts"), error.getMessage());
      assertEquals("08006", state(error));
      assertEquals(
          3, api.requests("/users").stream().filter(r -> r.param("page").equals("3")).count());
    }
  }

  @Test
  void slowPageTimesOutWithAClearError() throws Exception {
    api.route("/users", r -> page(r).stalled());
    try (Connection c =
        connect(
            COLUMNS
                + PAGED
                + "        retry: {attempts: 1}\n        timeouts: {response_ms: 300}\n")) {
      SQLException error = failure(c);
      assertEquals("08006", state(error));
      assertTrue(error.getMessage().contains("feed t.users, page 1"), error.getMessage());
    }
  }

  @Test
  void wrongShapeSaysWhatWasExpected() throws Exception {
    api.route("/users", r -> Reply.json("{\"data\": {\"id\": 1}}"));
    try (Connection c = connect(COLUMNS + "        records: {format: array, pointer: /data}\n")) {
      SQLException error = failure(c);
      assertEquals("22P02", state(error));
      assertTrue(error.getMessage().contains("/data"), error.getMessage());
    }
  }

  @Test
  void rejectedTokenIsNeverShown() throws Exception {
    // The API echoes the credentials it refused, as some do.
    api.route(
        "/users",
        r -> Reply.status(401, "{\"error\":\"bad token " + r.header("Authorization") + "\"}"));
    Path tokenFile = feeds.dir().resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    try (Connection c =
        connect(COLUMNS + "        auth: {type: bearer, token: '${file:token}'}\n")) {
      SQLException error = failure(c);
      assertTrue(error.getMessage().contains("HTTP 401"), error.getMessage());
      assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
      assertTrue(error.getMessage().contains("Bearer ***"), error.getMessage());
      assertEquals("Bearer " + TOKEN, api.requests("/users").get(0).header("Authorization"));
    }
  }

  @Test
  void missingTokenVariableFailsTheCatalogByName() {
    CatalogException error =
        assertThrows(
            CatalogException.class,
            () ->
                connect(
                    COLUMNS
                        + "        auth: {type: bearer, token: '${env:ARROWTAP_TEST_NO_SUCH_TOKEN}'}\n"));
    assertTrue(
        error.getMessage().contains("environment variable ARROWTAP_TEST_NO_SUCH_TOKEN is not set"),
        error.getMessage());
    assertTrue(error.getMessage().contains("auth.token"), error.getMessage());
  }

  @Test
  void apiKeyInTheQueryIsMaskedInErrors() throws Exception {
    api.route("/users", r -> Reply.status(403, "forbidden"));
    try (Connection c =
        connect(
            COLUMNS
                + "        auth: {type: api_key, name: key, value: "
                + TOKEN
                + ", in: query}\n")) {
      SQLException error = failure(c);
      assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
      assertTrue(error.getMessage().contains("key=***"), error.getMessage());
      assertEquals(TOKEN, api.requests("/users").get(0).param("key"));
    }
  }

  @Test
  void pageCapStopsARunawayFeed() throws Exception {
    api.route("/users", FeedFaultsTest::page);
    try (Connection c = connect(COLUMNS + PAGED + "        limits: {max_pages: 5}\n")) {
      SQLException error = failure(c);
      assertEquals("54000", state(error));
      assertTrue(error.getMessage().contains("limits.max_pages = 5"), error.getMessage());
      assertEquals(5, api.count("/users"), "five pages read, the sixth never requested");
    }
  }

  @Test
  void readJsonObeysTheAllowlist() throws Exception {
    api.route("/users", r -> Reply.json("{\"data\": [{\"a\": 1}, {\"a\": 2}]}"));
    feeds.start(EngineConfig.defaults().withReadJsonDefault(HostAllowlist.NONE));
    try (Connection c = feeds.connect();
        Statement s = c.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery("SELECT * FROM read_json('" + api.url("/users") + "', '/data')"));
      assertEquals("42501", state(error));
      assertTrue(error.getMessage().contains("host 127.0.0.1 is not allowed"), error.getMessage());
      assertEquals(0, api.count("/users"));
    }
    feeds.start(EngineConfig.defaults());
    try (Connection c = feeds.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT sum(a) FROM read_json('" + api.url("/users") + "', '/data')")) {
      rs.next();
      assertEquals(3, rs.getLong(1));
    }
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    api.route("/users", r -> Reply.status(302, "").withHeader("Location", api.url("/elsewhere")));
    api.route("/elsewhere", r -> Reply.json("[]"));
    try (Connection c = connect(COLUMNS + "        auth: {type: bearer, token: " + TOKEN + "}\n")) {
      SQLException error = failure(c);
      assertEquals("08006", state(error));
      assertTrue(error.getMessage().contains("HTTP 302"), error.getMessage());
      assertEquals(
          0, api.count("/elsewhere"), "a redirect carries the token to wherever it points");
    }
  }

  @Test
  void nextLinksToAnotherHostAreRefused() throws Exception {
    api.route(
        "/users",
        r ->
            Reply.json(
                "{\"items\": [{\"id\": 1}], \"next\": \"http://127.0.0.2:9/steal?key="
                    + TOKEN
                    + "\"}"));
    try (Connection c =
        connect(
            COLUMNS
                + "        records: {pointer: /items}\n        pagination: {style: next_url, next_pointer: /next}\n"
                + "        auth: {type: api_key, name: key, value: "
                + TOKEN
                + ", in: query}\n")) {
      SQLException error = failure(c);
      assertEquals("22P02", state(error));
      assertTrue(
          error.getMessage().contains("another host (http://127.0.0.2:9)"), error.getMessage());
      assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
    }
  }

  @Test
  void limitOverAStalledPageReturnsAndFreesItsMemory() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    // The body's second half never comes (until the server gives up after 10 s).
    api.route(
        "/users",
        r ->
            Reply.json("[" + String.join(",", FeedTestServer.records(0, 50)) + "]")
                .pausedUntil(never));
    feeds.startTables("      - name: users\n        url: URL/users\n" + COLUMNS);
    long start = System.nanoTime();
    try (Connection c = feeds.connect(Map.of("batch_size", "1"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t.users LIMIT 1")) {
      assertTrue(rs.next());
      assertFalse(rs.next());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    // Closing the scan closed the stalled connection instead of waiting for it.
    assertTrue(millis < 8_000, "took " + millis + " ms");
    assertEquals(0, feeds.engine().services().rootAllocator().getAllocatedMemory());
    never.countDown();
  }
}
