package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import dev.arrowtap.server.browser.HeadlessChromium;
import dev.arrowtap.server.http.ArrowtapServer;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's {@code /timeline} pages in a real browser (Debian's headless Chromium): a finished,
 * a running and two failed queries, each page checked in the DOM and saved as a screenshot in
 * {@code target/}; the running query's page reloads itself until the query ends.
 */
class TimelinePageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SHOTS = Path.of("target", "timeline-screenshots");
  private static final int SLOW_TOTAL = 600;
  private static final int PAGE = 50;
  // The broken table's API key: its failure's URL names it, and no page may show it.
  private static final String SECRET = "k3y-0f-the-broken-api-9f8e7d";

  // One API, server and browser for the class: Chromium and the engine take seconds to start.
  @TempDir static Path dir;
  private static final FeedTestServer api = FeedTestServer.start();
  // Pages of t.slow after the first wait for a permit, so the test decides when the query moves.
  private static final Semaphore slowPages = new Semaphore(0);
  private static ArrowtapServer server;
  private static MetricsStore metrics;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    api.route("/users", r -> page(r, 250, false));
    api.route("/slow", r -> page(r, SLOW_TOTAL, true));
    api.route("/broken", r -> Reply.status(500, "{\"error\":\"the API is down\"}"));
    Files.writeString(dir.resolve("key.txt"), SECRET);
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        String.join(
            "\n",
            "version: 1",
            "schemas:",
            "  - name: t",
            "    tables:",
            table("users", "{style: offset, page_size: 100, total_pointer: /total}"),
            table("slow", "{style: offset, page_size: " + PAGE + ", total_pointer: /total}"),
            table("broken", "{style: offset, page_size: 100}")
                + "\n        query: {key: '${file:key.txt}'}",
            ""));
    ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog));
    metrics = engine.services().metrics();
    server = ArrowtapServer.start(engine, "127.0.0.1", 0);
    browser = HeadlessChromium.start(1280, 900);
  }

  @AfterAll
  static void stop() throws Exception {
    slowPages.release(1000);
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      api.close();
    }
  }

  @Test
  void aFinishedQueryShowsStagesLanesLegendAndEveryTaskEscaped() throws Exception {
    // The SQL is user input: markup in it must show as text, never run or render.
    String sql =
        "SELECT count(*) AS n, '<script>window.injected=1</script><b>bold</b>' AS tag"
            + " FROM t.users";
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      assertEquals(250, rs.getLong(1));
    }
    QueryMetrics query = query("window.injected");
    browser.open(page(query));
    text("#state", "FINISHED");
    JsonNode dom =
        browser.eval(
            "({lanes: document.querySelectorAll('#timeline g.lane').length,"
                + " stages: document.querySelectorAll('#timeline g.stage').length,"
                + " heading: document.querySelector('#timeline .heading').textContent,"
                + " ticks: document.querySelectorAll('#timeline .tick').length,"
                + " legend: document.querySelector('#legend').textContent,"
                + " taskRows: document.querySelectorAll('#tasks tbody tr.task').length,"
                + " bars: document.querySelectorAll('#timeline rect.task.finished').length,"
                + " series: document.querySelectorAll('#requests polyline.series').length,"
                + " tables: document.querySelector('#tables').textContent,"
                + " requests: document.querySelector('#requests').textContent,"
                + " rowsRead: document.querySelector('#rows-read').textContent,"
                + " sql: document.querySelector('#sql').textContent,"
                + " scripts: document.scripts.length,"
                + " bold: document.querySelectorAll('b').length,"
                + " injected: typeof window.injected,"
                + " refresh: document.querySelectorAll('meta[http-equiv=refresh]').length})");
    int tasks = query.taskCount();
    assertTrue(tasks >= 1, "tasks: " + tasks);
    assertEquals(1, dom.get("stages").asInt(), dom.toString());
    assertTrue(dom.get("heading").asText().contains("Stage 1 · t.users"), dom.toString());
    assertTrue(dom.get("lanes").asInt() >= 1, dom.toString());
    assertTrue(dom.get("ticks").asInt() >= 3, "a time axis with ticks: " + dom);
    for (String key : List.of("finished", "running", "failed", "whole query")) {
      assertTrue(dom.get("legend").asText().contains(key), dom.toString());
    }
    assertEquals(tasks, dom.get("taskRows").asInt(), dom.toString());
    assertEquals(tasks, dom.get("bars").asInt(), dom.toString());
    assertEquals(1, dom.get("series").asInt(), "one request line for t.users: " + dom);
    assertTrue(dom.get("tables").asText().contains("t.users"), dom.toString());
    assertEquals("250", dom.get("rowsRead").asText(), dom.toString());
    assertTrue(dom.get("sql").asText().contains("<script>window.injected=1</script>"), dom + "");
    assertEquals(0, dom.get("scripts").asInt(), "no script element: " + dom);
    assertEquals(2, dom.get("bold").asInt(), "only the page's own <b>: " + dom);
    assertEquals("undefined", dom.get("injected").asText(), dom.toString());
    assertEquals(0, dom.get("refresh").asInt(), "a finished query's page stays still: " + dom);
    browser.screenshot(SHOTS.resolve("timeline-finished.png"));

    browser.open(server.url() + "/timeline");
    JsonNode index =
        browser.await(
            "document.querySelector('#queries') && ({head:"
                + " document.querySelector('#queries thead').textContent,"
                + " row: document.querySelector('tr[data-query=\""
                + query.id()
                + "\"]').textContent})",
            v -> true,
            WAIT);
    for (String column : List.of("started", "user", "elapsed", "requests", "error")) {
      assertTrue(index.get("head").asText().contains(column), index.toString());
    }
    assertTrue(index.get("row").asText().contains(" UTC"), "the start time: " + index);
    assertTrue(index.get("row").asText().contains("<script>"), "the SQL as text: " + index);
  }

  @Test
  void aRunningQuerysPageReloadsItselfUntilTheQueryEnds() throws Exception {
    CompletableFuture<Long> rows =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection c = connect();
                  Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("SELECT id, name FROM t.slow")) {
                long n = 0;
                while (rs.next()) {
                  n++;
                }
                return n;
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    QueryMetrics query = query("t.slow");
    browser.open(page(query));
    JsonNode first =
        browser.await(
            "document.querySelector('#live') && document.querySelector('#tasks')"
                + " && document.querySelector('#rows-read').textContent",
            v -> true,
            WAIT);
    assertEquals("RUNNING", browser.eval("document.querySelector('#state').textContent").asText());
    assertEquals(
        1, browser.eval("document.querySelectorAll('meta[http-equiv=refresh]').length").asInt());
    // More pages: the same page, never opened again, must come to show more rows read.
    slowPages.release(4);
    JsonNode later =
        browser.await(
            "document.querySelector('#rows-read') && document.querySelector('#rows-read').textContent",
            v -> !v.asText().equals(first.asText()),
            WAIT);
    assertNotEquals(first.asText(), later.asText());
    browser.await(
        "document.querySelectorAll('#timeline rect.task.running').length",
        v -> v.asInt() > 0,
        WAIT);
    browser.screenshot(SHOTS.resolve("timeline-running.png"));

    slowPages.release(1000);
    assertEquals(SLOW_TOTAL, rows.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    browser.await(
        "document.querySelector('#state') && document.querySelector('#state').textContent",
        v -> v.asText().equals("FINISHED"),
        WAIT);
    JsonNode end =
        browser.eval(
            "({refresh: document.querySelectorAll('meta[http-equiv=refresh]').length,"
                + " live: document.querySelectorAll('#live').length,"
                + " rowsRead: document.querySelector('#rows-read').textContent})");
    assertEquals(0, end.get("refresh").asInt(), "the reloads stop with the query: " + end);
    assertEquals(0, end.get("live").asInt(), end.toString());
    assertEquals("600", end.get("rowsRead").asText(), end.toString());
  }

  @Test
  void failedQueriesShowTheirErrorTextPlanningFailuresToo() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      SQLException feed =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM t.broken"));
      assertTrue(feed.getMessage().contains("HTTP 500"), feed.getMessage());
      SQLException planning =
          assertThrows(
              SQLException.class, () -> c.prepareStatement("SELECT no_such_column FROM t.users"));
      assertTrue(
          planning.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no_such_column"),
          "" + planning);
    }
    QueryMetrics broken = query("t.broken");
    assertEquals(QueryState.FAILED, broken.state());
    browser.open(page(broken));
    text("#state", "FAILED");
    JsonNode dom =
        browser.eval(
            "({error: document.querySelector('#error').textContent,"
                + " failedRows: document.querySelectorAll('#tasks tr.state-failed').length,"
                + " failedBars: document.querySelectorAll('#timeline rect.task.failed').length})");
    assertTrue(dom.get("error").asText().contains("HTTP 500"), dom.toString());
    assertTrue(dom.get("error").asText().contains("t.broken"), dom.toString());
    assertTrue(dom.get("failedRows").asInt() >= 1, dom.toString());
    assertTrue(dom.get("failedBars").asInt() >= 1, dom.toString());
    String html = browser.eval("document.documentElement.outerHTML").asText();
    assertTrue(html.contains("key=***"), "the URL's secret masked: " + dom);
    assertFalse(html.contains(SECRET), "no secret on the page");
    browser.screenshot(SHOTS.resolve("timeline-failed.png"));

    QueryMetrics planning = query("no_such_column");
    assertEquals(QueryState.FAILED, planning.state());
    browser.open(page(planning));
    text("#state", "FAILED");
    JsonNode planned =
        browser.eval(
            "({error: document.querySelector('#error').textContent,"
                + " none: document.querySelector('#no-stages').textContent})");
    assertTrue(
        planned.get("error").asText().toLowerCase(java.util.Locale.ROOT).contains("no_such_column"),
        planned + "");
    assertTrue(planned.get("none").asText().contains("while planning"), planned.toString());
    browser.screenshot(SHOTS.resolve("timeline-failed-planning.png"));

    browser.open(server.url() + "/timeline");
    JsonNode index =
        browser.await(
            "document.querySelector('#queries') && Array.from("
                + "document.querySelectorAll('#queries tr.state-failed td.err'))"
                + ".map(td => td.textContent).join('\\n')",
            v -> v.asText().contains("HTTP 500") && v.asText().contains("no_such_column"),
            WAIT);
    assertFalse(index.asText().isBlank());
    assertFalse(
        browser.eval("document.documentElement.outerHTML").asText().contains(SECRET),
        "no secret on the index");
    browser.screenshot(SHOTS.resolve("timeline-index.png"));
  }

  private static Reply page(FeedTestServer.Request r, int total, boolean gated) {
    long offset = Long.parseLong(r.param("offset"));
    if (gated && offset > 0) {
      try {
        // The test releases pages; a test that failed early must not hang the server.
        slowPages.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int size = Integer.parseInt(r.param("limit"));
    String data =
        String.join(",", FeedTestServer.records(offset, Math.min(total, offset + (long) size)));
    return Reply.json("{\"data\":[" + data + "],\"total\":" + total + "}");
  }

  private static String table(String name, String pagination) {
    return "      - name: "
        + name
        + "\n        url: "
        + api.url("/" + name)
        + "\n        records: {pointer: /data}\n        pagination: "
        + pagination
        + "\n        concurrency: 2\n"
        + "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]";
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:avatica:remote:url=" + server.url() + ";serialization=JSON");
  }

  /** The newest kept query whose SQL holds {@code marker}, once it has been registered. */
  private static QueryMetrics query(String marker) throws Exception {
    return Awaitility.await("a kept query whose SQL holds " + marker)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> newest(marker), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<QueryMetrics> newest(String marker) {
    List<QueryMetrics> all = metrics.queries();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).sql().contains(marker)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  private static String page(QueryMetrics query) {
    return server.url() + "/timeline?query=" + query.id();
  }

  private static void text(String selector, String expected) throws Exception {
    browser.await(
        "document.querySelector('"
            + selector
            + "') && document.querySelector('"
            + selector
            + "').textContent",
        v -> v.asText().equals(expected),
        WAIT);
  }
}
