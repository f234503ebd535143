package dev.arrowtap.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The timeline's drawing without a browser: lanes per worker with overlapping tasks on rows of
 * their own, escaping of every user text, and a page that reloads only while its query runs (the
 * browser test, TimelinePageBrowserTest, checks the page as Chromium shows it).
 */
class TimelinePageTest {
  private final MetricsStore store = new MetricsStore(10);

  @Test
  void eachWorkerHasALaneAndOverlappingTasksGetRowsOfTheirOwn() {
    QueryMetrics query = store.begin("SELECT 1", "ann", "c", 1);
    query.finish(QueryState.FINISHED, null);
    StageSnapshot stage =
        new StageSnapshot(
            1,
            "t.users",
            StageOutput.ROWS,
            150,
            List.of(
                task(0, "127.0.0.1:4001", 0, 100, "FINISHED", null),
                task(1, "127.0.0.1:4001", 50, 100, "FINISHED", null),
                task(2, "127.0.0.1:4002", 0, 100, "FAILED", "08006: boom"),
                task(3, "local", 10, 20, "STOPPED", null),
                task(4, null, -1, 0, "PENDING", null)));
    String svg = TaskChart.render(query, List.of(stage), 150);
    for (String lane : List.of("worker 127.0.0.1:4001", "worker 127.0.0.1:4002", "local")) {
      assertEquals(1, count(svg, "data-lane=\"" + lane + "\""), lane + " in " + svg);
    }
    assertEquals(4, count(svg, "<rect class=\"bar task "), "a bar per started task: " + svg);
    assertTrue(svg.contains("1 not started"), svg);
    assertTrue(svg.contains("Stage 1 · t.users"), svg);
    assertNotEquals(top(svg, 0), top(svg, 1), "t0 and t1 overlap in one lane: " + svg);
    assertEquals(top(svg, 0), top(svg, 1) - 22, "t1 on the next row: " + svg);
    assertTrue(svg.contains("class=\"bar task failed\""), svg);
    assertTrue(count(svg, "class=\"tick\"") >= 4, "a time axis with ticks: " + svg);
  }

  @Test
  void everyUserTextIsEscaped() {
    String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>\"'&";
    QueryMetrics query = store.begin("SELECT '" + attack + "'", attack, "c", 1, attack);
    query.finish(QueryState.FAILED, "42000: " + attack);
    StageSnapshot stage =
        new StageSnapshot(
            1, attack, StageOutput.ROWS, 10, List.of(task(0, attack, 0, 10, "FAILED", attack)));
    String pages =
        TimelinePage.timeline(query)
            + TaskChart.render(query, List.of(stage), 10)
            + TimelinePage.index(List.of(query))
            + TimelinePage.notFound(attack);
    assertFalse(pages.contains("<img"), pages);
    assertFalse(pages.contains("<script"), pages);
    assertFalse(pages.contains("\"'&<"), pages);
    assertTrue(pages.contains("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;"), pages);
  }

  @Test
  void aPageReloadsItselfOnlyWhileItsQueryRuns() {
    QueryMetrics query = store.begin("SELECT * FROM t.users", "", "c", 1);
    String refresh = "<meta http-equiv=\"refresh\"";
    assertTrue(TimelinePage.timeline(query).contains(refresh));
    assertTrue(TimelinePage.index(store.queries()).contains(refresh));
    assertTrue(TimelinePage.timeline(query).contains("being planned"));
    query.finish(QueryState.FAILED, "42704: Object 'users' not found");
    String page = TimelinePage.timeline(query);
    assertFalse(page.contains(refresh), page);
    assertFalse(TimelinePage.index(store.queries()).contains(refresh));
    assertTrue(page.contains("<pre id=\"error\" class=\"error\">42704: Object &#39;users&#39;"));
    assertTrue(page.contains("failed before any feed was read (while planning)"), page);
  }

  @Test
  void ticksAreRoundSteps() {
    assertEquals(1, Html.step(5, 8));
    assertEquals(50, Html.step(400, 8));
    assertEquals(500, Html.step(4_000, 8));
    assertEquals(5_000, Html.step(35_000, 8));
    assertEquals("1.5 s", Html.tick(1_500, 500));
    assertEquals("2 s", Html.tick(2_000, 1_000));
    assertEquals("250 ms", Html.tick(250, 50));
    assertEquals("1.25 s", Html.tick(1_250, 50));
    assertEquals("150 s", Html.tick(150_000, 30_000));
    assertEquals("3 min", Html.tick(180_000, 60_000));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static int top(String svg, int task) {
    Matcher m =
        Pattern.compile("data-task=\"" + task + "\" x=\"[0-9.]+\" y=\"(\\d+)\"").matcher(svg);
    assertTrue(m.find(), "task " + task + " in " + svg);
    return Integer.parseInt(m.group(1));
  }

  private static TaskMetricsSnapshot task(
      int task, String worker, long start, long elapsed, String state, String error) {
    return new TaskMetricsSnapshot(
        1,
        1,
        task,
        "t.users",
        "[pages " + task + "]",
        worker,
        state,
        1,
        100,
        1,
        800,
        2,
        4096,
        0,
        5,
        elapsed,
        0,
        error,
        start,
        List.of(),
        0,
        0,
        0,
        100);
  }
}
