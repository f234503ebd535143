package dev.arrowtap.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.TaskMetricsSnapshot;
import dev.arrowtap.server.http.ArrowtapServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: /health reports each worker; a worker that fails leaves the rotation, its failures are
 * counted (in /health and sys.workers), and it comes back once a later check finds it again.
 */
class WorkerRotationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFailedWorkerLeavesTheRotationAndComesBackLater() throws Exception {
    try (Cluster cluster = Cluster.start(2)) {
      List<WorkerAddress> addresses = cluster.addresses(2);
      WorkerAddress first = addresses.get(0);
      WorkerAddress second = addresses.get(1);
      ArrowtapEngine engine = Cluster.engine(addresses, Cluster.SECRET, 3);
      try (ArrowtapServer server = ArrowtapServer.start(engine, "127.0.0.1", 0)) {
        assertEquals(Set.of(first.toString(), second.toString()), workers(count(engine)));
        JsonNode healthy = health(server, 200);
        assertEquals("ok", healthy.get("status").asText());
        assertEquals("running", healthy.get("state").asText());
        assertEquals(2, healthy.get("workers").size());
        assertEquals(first.toString(), healthy.get("workers").get(0).get("address").asText());
        assertEquals("up", healthy.get("workers").get(0).get("state").asText());
        assertEquals(0, healthy.get("workers").get(0).get("failures").asLong());

        cluster.workers.get(0).close();
        // The task meant for the stopped worker moves to the other one; the worker leaves.
        assertEquals(Set.of(second.toString()), workers(count(engine)));
        JsonNode degraded = health(server, 200);
        assertEquals("degraded", degraded.get("status").asText());
        JsonNode down = degraded.get("workers").get(0);
        assertEquals("down", down.get("state").asText());
        assertFalse(down.get("in_rotation").asBoolean());
        assertTrue(down.get("failures").asLong() >= 1, down.toString());
        assertTrue(down.get("last_error").asText().contains("UNAVAILABLE"), down.toString());
        assertEquals("up", degraded.get("workers").get(1).get("state").asText());
        try (Connection c = engine.connect(Map.of());
            Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT state, in_rotation, failures FROM sys.workers WHERE address = '"
                        + first
                        + "'")) {
          assertTrue(rs.next());
          assertEquals("DOWN", rs.getString(1));
          assertFalse(rs.getBoolean(2));
          assertTrue(rs.getLong(3) >= 1);
        }

        // Out of rotation: the next query sends nothing there, so no attempt fails.
        QueryMetrics next = count(engine);
        assertEquals(Set.of(second.toString()), workers(next));
        assertTrue(next.taskSnapshots().stream().allMatch(t -> t.attempts() == 1));

        // The worker returns at the same address; a later check puts it back in rotation.
        cluster.workers.set(0, WorkerServer.start("127.0.0.1", first.port(), Cluster.SECRET));
        JsonNode back =
            await("the worker comes back up")
                .atMost(Duration.ofSeconds(30))
                .until(
                    () -> health(server, 200),
                    health -> "up".equals(health.get("workers").get(0).get("state").asText()));
        assertEquals("ok", back.get("status").asText());
        assertTrue(back.get("workers").get(0).get("failures").asLong() >= 1, "failures are kept");
        assertEquals(Set.of(first.toString(), second.toString()), workers(count(engine)));
      }
    }
  }

  private static QueryMetrics count(ArrowtapEngine engine) throws SQLException {
    try (Connection c = engine.connect(Map.of());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), sum(number) FROM numbers(0, 100)")) {
      assertTrue(rs.next());
      assertEquals(100, rs.getLong(1));
      assertEquals(4950, rs.getLong(2));
    }
    List<QueryMetrics> queries = engine.services().metrics().queries();
    return queries.get(queries.size() - 1);
  }

  private static Set<String> workers(QueryMetrics query) {
    return query.taskSnapshots().stream()
        .map(TaskMetricsSnapshot::worker)
        .collect(Collectors.toSet());
  }

  private static JsonNode health(ArrowtapServer server, int status) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(response.body());
  }
}
