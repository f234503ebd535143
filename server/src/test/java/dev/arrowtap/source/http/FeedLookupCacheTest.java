package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lookups of a table with a cache keep the rows they found per id: a later query asks the API only
 * for the ids it has not seen, and queries at once share the request of an id.
 */
class FeedLookupCacheTest {
  private static final String CACHE = "cache: {ttl_seconds: 600, max_bytes: 1000000}";
  private static final String CATALOG =
      """
      schemas:
        - name: fx
          tables:
            - name: users
              url: URL/users
              CACHE
              parameters:
                - {name: id, type: BIGINT, batch: {max: 30, separator: ','}}
              columns: [{name: name, type: VARCHAR}]
            - name: comments
              url: URL/posts/{postId}/comments
              CACHE
              parameters: [{name: postId, type: BIGINT}]
              columns: [{name: id, type: BIGINT}, {name: body, type: VARCHAR}]
            - name: uncached
              url: URL/users
              parameters:
                - {name: id, type: BIGINT, batch: {max: 30, separator: ','}}
              columns: [{name: name, type: VARCHAR}]
      """
          .replace("CACHE", CACHE);

  private static final String USERS =
      "SELECT id, name FROM fx.users WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))"
          + " ORDER BY id";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    // Every id asked for, and one not asked for; a request that asks for id 10 waits for the test.
    api.route(
        "/users",
        r -> {
          List<String> users = new ArrayList<>();
          for (String id : r.param("id").split(",", -1)) {
            users.add("{\"id\":" + id + ",\"name\":\"user " + id + "\"}");
          }
          users.add("{\"id\":-1,\"name\":\"not asked for\"}");
          Reply reply = Reply.json("[" + String.join(",", users) + "]");
          return List.of(r.param("id").split(",", -1)).contains("10")
              ? reply.pausedUntil(release)
              : reply;
        });
    // Post n has n % 3 comments.
    api.routePrefix(
        "/posts/",
        r -> {
          long post = Long.parseLong(r.path().split("/", -1)[2]);
          List<String> comments = new ArrayList<>();
          for (int i = 1; i <= post % 3; i++) {
            comments.add("{\"id\":" + (post * 100 + i) + ",\"body\":\"on " + post + "\"}");
          }
          return Reply.json("[" + String.join(",", comments) + "]");
        });
    feeds.start(CATALOG);
    connection = feeds.connect();
  }

  @AfterEach
  void stop() {
    release.countDown();
    threads.shutdownNow();
  }

  private List<String> users(Connection c, List<Long> ids) throws Exception {
    return FeedFixture.preparedLines(c, USERS, ids);
  }

  /** The id lists the API was asked for on {@code path}, in order. */
  private List<String> asked(String path) {
    return api.requests(path).stream().map(r -> r.param("id")).toList();
  }

  private static void await(BooleanSupplier condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  @Test
  void aSecondQueryAsksOnlyForTheIdsItHasNotSeen() throws Exception {
    assertEquals(
        List.of("1|user 1", "2|user 2", "3|user 3"), users(connection, List.of(1L, 2L, 3L)));
    assertEquals(List.of("1,2,3"), asked("/users"));
    assertEquals(
        List.of("2|user 2", "3|user 3", "4|user 4", "5|user 5"),
        users(connection, List.of(2L, 3L, 4L, 5L)));
    assertEquals(List.of("1,2,3", "4,5"), asked("/users"));
    // All seen: no request at all, and the same rows as asked fresh.
    assertEquals(List.of("1|user 1", "5|user 5"), users(connection, List.of(5L, 1L)));
    assertEquals(2, asked("/users").size());
    // Ids answered without a request count as the table's cache hits: 2 and 3, then 5 and 1.
    assertEquals(
        List.of("4"),
        FeedFixture.lines(
            connection, "SELECT cache_hits FROM sys.table_requests WHERE table_name = 'fx.users'"));
    // A table without a cache asks for every id every time.
    String uncached = USERS.replace("fx.users", "fx.uncached");
    FeedFixture.preparedLines(connection, uncached, List.of(1L, 2L));
    FeedFixture.preparedLines(connection, uncached, List.of(1L, 2L));
    assertEquals(List.of("1,2,3", "4,5", "1,2", "1,2"), asked("/users"));
  }

  @Test
  void aJoinLooksUpOnlyNewIdsAndRemembersIdsWithoutRows() throws Exception {
    String sql =
        "SELECT postId, count(*) FROM fx.comments"
            + " WHERE postId IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))"
            + " GROUP BY postId ORDER BY postId";
    assertEquals(
        List.of("1|1", "2|2"), FeedFixture.preparedLines(connection, sql, List.of(1L, 2L, 3L)));
    assertEquals(3, api.requests().size());
    // Post 3 has no comments: that too is kept, and only post 4 is asked for.
    assertEquals(
        List.of("1|1", "2|2", "4|1"),
        FeedFixture.preparedLines(connection, sql, List.of(1L, 2L, 3L, 4L)));
    assertEquals(4, api.requests().size());
    assertEquals("/posts/4/comments", api.requests().get(3).path());
  }

  @Test
  void queriesAtOnceShareTheRequestOfAnId() throws Exception {
    Connection other = feeds.connect();
    Future<List<String>> first = threads.submit(() -> users(connection, List.of(10L, 11L)));
    await(() -> api.requests("/users").size() == 1, "the first query's request");
    Future<List<String>> second = threads.submit(() -> users(other, List.of(10L, 11L, 12L)));
    // The second query asks for 12 only, then waits for the first one's answer for 10 and 11.
    await(
        () -> feeds.engine().services().lookupRows().sharedRequests() >= 2,
        "the second query to wait for 10 and 11");
    await(() -> api.requests("/users").size() == 2, "the second query's request for 12");
    assertEquals(List.of("10,11", "12"), asked("/users"));
    release.countDown();
    assertEquals(List.of("10|user 10", "11|user 11"), first.get(30, TimeUnit.SECONDS));
    assertEquals(
        List.of("10|user 10", "11|user 11", "12|user 12"), second.get(30, TimeUnit.SECONDS));
    assertEquals(List.of("10,11", "12"), asked("/users"));
  }
}
