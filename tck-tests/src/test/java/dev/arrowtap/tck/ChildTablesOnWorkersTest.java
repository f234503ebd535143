package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.server.http.ArrowtapServer;
import dev.arrowtap.worker.WorkerServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A child table's scan, and a join of it with its parent, run as page-range tasks on Flight workers
 * and give the rows a scan in the coordinator gives; each page is read once. Both modes.
 */
class ChildTablesOnWorkersTest {
  private static final String SECRET = "child-worker-secret-0123";
  private static final int ORDERS = 60;
  private static final int PAGE = 10;
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private static HttpServer api;
  private static WorkerServer first;
  private static WorkerServer second;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/orders",
        exchange -> {
          REQUESTS.incrementAndGet();
          int offset = 0;
          int limit = PAGE;
          String query = exchange.getRequestURI().getQuery();
          for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("offset=")) {
              offset = Integer.parseInt(pair.substring(7));
            } else if (pair.startsWith("limit=")) {
              limit = Integer.parseInt(pair.substring(6));
            }
          }
          List<String> records = new ArrayList<>();
          for (int id = offset; id < Math.min(ORDERS, offset + limit); id++) {
            List<String> items = new ArrayList<>();
            for (int k = 0; k < id % 3; k++) {
              items.add("{\"sku\": \"s" + id + "-" + k + "\", \"qty\": " + (k + 1) + "}");
            }
            records.add(
                "{\"id\": "
                    + id
                    + ", \"customer\": \"c"
                    + id % 5
                    + "\", \"items\": ["
                    + String.join(", ", items)
                    + "]}");
          }
          byte[] body =
              ("{\"total\": " + ORDERS + ", \"data\": [" + String.join(", ", records) + "]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    api.start();
    first = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(SECRET));
    second = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(SECRET));
  }

  @AfterAll
  static void stop() throws Exception {
    first.close();
    second.close();
    api.stop(0);
  }

  private static Path catalog() throws Exception {
    Path catalog = dir.resolve("orders.yaml");
    Files.writeString(
        catalog,
        """
        schemas:
          - name: shop
            tables:
              - name: orders
                url: "http://127.0.0.1:%d/orders"
                records: { pointer: /data }
                pagination: { style: offset, page_size: %d, total_pointer: /total }
                split: { pages_per_task: 2 }
                columns:
                  - { name: id, type: BIGINT }
                  - { name: customer, type: VARCHAR }
                children:
                  - name: items
                    columns:
                      - { name: sku, type: VARCHAR }
                      - { name: qty, type: BIGINT }
        """
            .formatted(api.getAddress().getPort(), PAGE));
    return catalog;
  }

  /** A connection whose scans run on the two workers, in the given mode. */
  private static final class OnWorkers implements AutoCloseable {
    final Connection connection;
    private final ArrowtapServer server;

    OnWorkers(Mode mode) throws Exception {
      Path catalog = catalog();
      if (mode == Mode.EMBEDDED) {
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        server = null;
        connection =
            DriverManager.getConnection(
                "jdbc:arrowtap:catalog="
                    + catalog
                    + ";workers="
                    + first.address()
                    + ","
                    + second.address()
                    + ";worker_secret_file="
                    + secretFile);
      } else {
        ExecutionConfig workers =
            ExecutionConfig.local()
                .withWorkers(
                    List.of(first.address(), second.address()),
                    Optional.of(WorkerSecret.of(SECRET)));
        server =
            ArrowtapServer.start(
                new ArrowtapEngine(
                    EngineConfig.defaults().withCatalog(catalog).withExecution(workers)),
                "127.0.0.1",
                0);
        connection = DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.close();
      } finally {
        if (server != null) {
          server.close();
        }
      }
    }
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  /** Where the finished tasks of the latest scan labelled {@code label} ran. */
  private static List<String> places(Connection connection, String label) throws SQLException {
    String scan = "scan = '" + label + "' AND state = 'FINISHED'";
    return rows(
        connection,
        "SELECT worker FROM sys.task_metrics WHERE "
            + scan
            + " AND query_id = (SELECT max(query_id) FROM sys.task_metrics WHERE "
            + scan
            + ") ORDER BY task");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void childScansAndJoinsRunOnTheWorkers(Mode mode) throws Exception {
    String items =
        "SELECT parent_id, element_index, sku, qty FROM shop.orders__items ORDER BY 1, 2";
    String joined =
        "SELECT o.customer, i.sku FROM shop.orders o JOIN shop.orders__items i"
            + " ON i.parent_id = o.id ORDER BY 2";
    List<String> expectedItems = new ArrayList<>();
    List<String> expectedJoin = new ArrayList<>();
    for (int id = 0; id < ORDERS; id++) {
      for (int k = 0; k < id % 3; k++) {
        expectedItems.add(id + "|" + k + "|s" + id + "-" + k + "|" + (k + 1));
        expectedJoin.add("c" + id % 5 + "|s" + id + "-" + k);
      }
    }
    expectedJoin.sort(java.util.Comparator.comparing(row -> row.substring(row.indexOf('|') + 1)));

    List<String> local;
    try (Connection here = DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog())) {
      local = rows(here, items);
    }
    assertEquals(expectedItems, local);

    try (OnWorkers workers = new OnWorkers(mode)) {
      int before = REQUESTS.get();
      assertEquals(local, rows(workers.connection, items), "the rows of the coordinator's scan");
      assertEquals(ORDERS / PAGE, REQUESTS.get() - before, "every page once");
      List<String> ranOn = places(workers.connection, "shop.orders__items");
      assertTrue(ranOn.size() >= 2, "cut into page ranges: " + ranOn);
      List<String> addresses = List.of(first.address().toString(), second.address().toString());
      assertTrue(addresses.containsAll(ranOn), "on the workers: " + ranOn);
      assertTrue(ranOn.containsAll(addresses), "on both workers: " + ranOn);

      before = REQUESTS.get();
      assertEquals(expectedJoin, rows(workers.connection, joined));
      assertEquals(ORDERS / PAGE, REQUESTS.get() - before, "the join is one scan, each page once");
      List<String> joinedOn = places(workers.connection, "shop.orders with shop.orders__items");
      assertFalse(joinedOn.isEmpty(), "the joined scan's tasks");
      assertTrue(addresses.containsAll(joinedOn), "on the workers: " + joinedOn);
    }
  }
}
