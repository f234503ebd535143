package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.catalog.RateLimitDef;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.http.FeedTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partition rebuilt on an executor draws on that executor's share of the table's rate limit: with
 * two executor processes, half the rate and half the burst each, so that together they stay within
 * the catalog's numbers.
 */
class ExecutorSharesTest {
  private static TestApi api;

  @BeforeAll
  static void start() {
    api = TestApi.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static RateLimitDef rateOnExecutor(int shares) {
    String catalog = api.catalog.toString();
    FeedSource source =
        FeedSource.of(catalog, CatalogFiles.requireFeed(catalog, "shop.rated"), 1024);
    List<TaskSpec> tasks = source.plan(new int[] {0}, Map.of()).tasks();
    ArrowtapPartition partition = source.partition(tasks, new ReadSettings(1024, -1, 1, shares));
    return ((FeedTask) partition.tasks().get(0)).feed().fetch().rateLimit();
  }

  @Test
  void eachOfTwoExecutorsGetsHalfTheRate() {
    RateLimitDef whole = rateOnExecutor(1);
    assertEquals(20.0, whole.requestsPerSecond());
    assertEquals(4, whole.burst());
    RateLimitDef half = rateOnExecutor(2);
    assertEquals(10.0, half.requestsPerSecond());
    assertEquals(2, half.burst());
  }
}
