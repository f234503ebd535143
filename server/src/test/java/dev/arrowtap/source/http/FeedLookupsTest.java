package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import dev.arrowtap.worker.WorkerServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: ids from an array parameter or from a join reach the feed as requests, one per id or
 * one per chunk the catalog allows; the feed is never read whole.
 */
class FeedLookupsTest {
  private static final String CATALOG =
      """
      schemas:
        - name: fx
          tables:
            - name: posts
              url: URL/posts
              columns: [{name: id, type: BIGINT}, {name: userId, type: BIGINT}]
            - name: comments
              url: URL/posts/{postId}/comments
              parameters: [{name: postId, type: BIGINT}]
              columns: [{name: id, type: BIGINT}, {name: body, type: VARCHAR}]
            - name: users
              url: URL/users
              parameters:
                - {name: id, type: BIGINT, batch: {max: 30, separator: ','}}
              columns: [{name: name, type: VARCHAR}]
            - name: people
              url: URL/users
              parameters:
                - {name: id, type: BIGINT, batch: {max: 250}}
              columns: [{name: name, type: VARCHAR}]
      """;

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    // Posts 1..6; user 7 wrote 1, 2 and 5. Post n has n % 3 comments (post 3 and 6 have none).
    api.route(
        "/posts",
        r ->
            Reply.json(
                "["
                    + LongStream.rangeClosed(1, 6)
                        .mapToObj(
                            id ->
                                "{\"id\":"
                                    + id
                                    + ",\"userId\":"
                                    + (id == 1 || id == 2 || id == 5 ? 7 : 8)
                                    + "}")
                        .collect(Collectors.joining(","))
                    + "]"));
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
    // Answers every id asked for, and one it was not asked for: the rows must still be exact.
    api.route(
        "/users",
        r -> {
          List<String> users = new ArrayList<>();
          for (String id : r.param("id").split(",", -1)) {
            users.add("{\"id\":" + id + ",\"name\":\"user " + id + "\"}");
          }
          users.add("{\"id\":-1,\"name\":\"not asked for\"}");
          return Reply.json("[" + String.join(",", users) + "]");
        });
    feeds.start(CATALOG);
    connection = feeds.connect();
  }

  private List<String> rows(String sql, Object... parameters) throws SQLException {
    return FeedFixture.preparedLines(connection, sql, parameters);
  }

  private String plan(String sql) throws SQLException {
    List<String> lines =
        sql.contains("?")
            ? rows("EXPLAIN PLAN FOR " + sql, List.of(1L))
            : rows("EXPLAIN PLAN FOR " + sql);
    return String.join("\n", lines);
  }

  private long commentRequests() {
    return api.requests().stream().filter(r -> r.path().startsWith("/posts/")).count();
  }

  @Test
  void arrayParameterMakesOneRequestPerDistinctId() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= 200; id++) {
      ids.add(id);
    }
    ids.add(5L); // a repeated id is asked for once
    String sql =
        "SELECT postId, count(*) FROM fx.comments"
            + " WHERE postId IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY))) GROUP BY postId";
    List<String> rows = rows(sql, ids);
    // Posts n with n % 3 > 0 have comments.
    assertEquals(200 - 200 / 3, rows.size());
    assertTrue(rows.contains("5|2"), rows.toString());
    assertTrue(rows.contains("1|1"), rows.toString());
    assertEquals(200, commentRequests());
    assertEquals(0, api.count("/posts"));
  }

  @Test
  void chunkedParameterJoinsIdsUpToTheDeclaredMax() throws Exception {
    List<Long> ids = LongStream.rangeClosed(1, 5_050).boxed().toList();
    List<String> rows =
        rows(
            "SELECT count(*), min(name), max(id) FROM fx.users"
                + " WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))",
            ids);
    // The API also answers a record for id -1, never asked for: it adds no row.
    assertEquals(List.of("5050|user 1|5050"), rows);
    // 50 batches of 100 ids from the join, each in chunks of at most 30 (30 + 30 + 30 + 10), then
    // 50 ids in 30 + 20.
    assertEquals(50 * 4 + 2, api.count("/users"));
    assertEquals(
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30",
        api.requests("/users").stream()
            .map(r -> r.param("id"))
            .sorted()
            .filter(p -> p.startsWith("1,2,"))
            .findFirst()
            .orElseThrow());
  }

  @Test
  void chunksAboveOneHundredComeFromBatchesOfAThousand() throws Exception {
    List<Long> ids = LongStream.rangeClosed(1, 65_536).boxed().toList();
    String sql =
        "SELECT count(*), min(name), max(id) FROM fx.people"
            + " WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";
    assertEquals(List.of("65536|user 1|65536"), rows(sql, ids));
    // 65 batches of 1,000 ids in 4 chunks of 250, then 536 ids in 250 + 250 + 36.
    assertEquals(65 * 4 + 3, api.count("/users"));
    String plan = plan(sql);
    assertTrue(plan.contains("batchSize=[1000]"), plan);
    assertTrue(plan.contains("up to 250 values a request"), plan);
  }

  @Test
  void explainShowsTheLookup() throws Exception {
    String plan =
        plan(
            "SELECT * FROM fx.comments WHERE postId IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))");
    assertTrue(plan.contains("EnumerableBatchNestedLoopJoin"), plan);
    assertTrue(plan.contains("batchSize=[100]"), plan);
    assertTrue(
        plan.contains("lookup=[postId IN ($cor0.EXPR$0, ..., $cor99.EXPR$0), 1 value a request]"),
        plan);
    String chunked =
        plan(
            "SELECT name FROM fx.users WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))");
    assertTrue(chunked.contains("up to 30 values a request"), chunked);
  }

  @Test
  void joinBindsTheParameterFromTheOtherSide() throws Exception {
    String sql =
        "SELECT p.id, c.id FROM fx.posts p JOIN fx.comments c ON c.postId = p.id"
            + " WHERE p.userId = 7 ORDER BY c.id";
    assertEquals(List.of("1|101", "2|201", "2|202", "5|501", "5|502"), rows(sql));
    assertEquals(1, api.count("/posts"));
    // Only the posts of user 7 were looked up, once each.
    assertEquals(3, commentRequests());
    assertEquals(
        List.of("/posts/1/comments", "/posts/2/comments", "/posts/5/comments"),
        api.requests().stream()
            .map(FeedTestServer.Request::path)
            .filter(p -> p.startsWith("/posts/"))
            .sorted()
            .toList());
    String plan = plan(sql);
    assertTrue(plan.contains("lookup=[postId IN ($cor"), plan);
  }

  @Test
  void leftJoinKeepsPostsWithoutComments() throws Exception {
    assertEquals(
        List.of("1|101", "2|201", "2|202", "3|null", "4|401", "5|501", "5|502", "6|null"),
        rows(
            "SELECT p.id, c.id FROM fx.posts p LEFT JOIN fx.comments c ON c.postId = p.id"
                + " ORDER BY p.id, c.id"));
    assertEquals(6, commentRequests());
  }

  @Test
  void inSubqueryLooksUpTheSubquerysIds() throws Exception {
    assertEquals(
        List.of("101", "201", "202", "501", "502"),
        rows(
            "SELECT id FROM fx.comments WHERE postId IN (SELECT id FROM fx.posts WHERE userId = 7)"
                + " ORDER BY id"));
    assertEquals(3, commentRequests());
  }

  @Test
  void lookupTasksRunOnWorkers() throws Exception {
    WorkerSecret secret = WorkerSecret.of("lookup-worker-secret-0123");
    try (WorkerServer worker = WorkerServer.start("127.0.0.1", 0, secret);
        ArrowtapEngine distributed =
            new ArrowtapEngine(
                EngineConfig.defaults()
                    .withCatalog(feeds.dir().resolve("catalog.yaml"))
                    .withExecution(
                        ExecutionConfig.local()
                            .withWorkers(List.of(worker.address()), Optional.of(secret))));
        Connection c = distributed.connect(Map.of());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT p.id, c.id, u.name FROM fx.posts p JOIN fx.comments c ON c.postId = p.id"
                    + " JOIN fx.users u ON u.id = p.userId WHERE p.userId = 7 ORDER BY c.id");
        ResultSet rs = s.executeQuery()) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
      }
      assertEquals(
          List.of("1|101|user 7", "2|201|user 7", "2|202|user 7", "5|501|user 7", "5|502|user 7"),
          rows);
      assertEquals(3, commentRequests());
      assertEquals(0, worker.runningTasks());
    }
  }

  @Test
  void joinOnAnotherColumnLeavesTheParameterUnboundAndFailsBeforeAnyRequest() {
    SQLException thrown =
        assertThrows(
            SQLException.class,
            () -> rows("SELECT * FROM fx.posts p JOIN fx.comments c ON c.id = p.id"));
    Throwable error = dev.arrowtap.server.meta.MetaErrors.userError(thrown).orElseThrow();
    assertEquals(
        "table fx.comments needs a value for postId: add WHERE postId = ... or postId IN (...)",
        error.getMessage());
    assertEquals(0, api.requests().size());
  }
}
