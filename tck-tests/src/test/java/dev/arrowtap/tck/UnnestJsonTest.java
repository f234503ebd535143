package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.source.json.UnnestJsonFunction;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code unnest_json} makes typed rows of a JSON array of objects, such as a {@code read_json}
 * column: NULL for a missing field, no rows for NULL or an empty array, 22018 for a value of
 * another type and 22P02 for text that is not an array, naming the element and the column. Both
 * modes.
 */
class UnnestJsonTest {
  private static HttpServer api;

  @BeforeAll
  static void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(
        "/orders",
        """
        [{"id": 1, "items": [{"sku": "a", "qty": 2, "price": 9.5, "shipped": "2024-01-05T10:00:00Z"},
                             {"sku": "b", "qty": 1}]},
         {"id": 2, "items": []},
         {"id": 3, "items": null},
         {"id": 4, "items": [{"sku": "c", "qty": 7, "price": 3, "extra": {"x": 1}}]}]
        """);
    serve(
        "/bad",
        """
        [{"id": 1, "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": "two"}]}]
        """);
    api.start();
  }

  private static void serve(String path, String body) {
    api.createContext(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  @AfterAll
  static void stop() {
    api.stop(0);
  }

  @AfterEach
  void nothingLeftAllocated() {
    assertEquals(0, UnnestJsonFunction.allocatedBytes());
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + api.getAddress().getPort() + path;
  }

  private static List<String> rows(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
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

  @ParameterizedTest
  @EnumSource(Mode.class)
  void elementsBecomeTypedRows(Mode mode) throws Exception {
    String lateral =
        " CROSS JOIN LATERAL TABLE(unnest_json(o.items,"
            + " 'sku VARCHAR, qty BIGINT, price DECIMAL(10, 2), shipped TIMESTAMP')) AS i";
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("1|a|2|9.50|2024-01-05 10:00:00.0", "1|b|1|null|null", "4|c|7|3.00|null"),
          rows(
              statement,
              "SELECT o.id, i.sku, i.qty, i.price, i.shipped FROM read_json('"
                  + url("/orders")
                  + "') AS o"
                  + lateral
                  + " ORDER BY 1, 2"));
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT i.* FROM read_json('" + url("/orders") + "') AS o" + lateral)) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals("VARCHAR", meta.getColumnTypeName(1));
        assertEquals("BIGINT", meta.getColumnTypeName(2));
        assertEquals("DECIMAL", meta.getColumnTypeName(3));
        assertEquals(2, meta.getScale(3));
        assertEquals("TIMESTAMP", meta.getColumnTypeName(4));
      }
      // Orders without items keep a row with LEFT JOIN LATERAL.
      assertEquals(
          List.of("1|2", "2|0", "3|0", "4|1"),
          rows(
              statement,
              "SELECT o.id, count(i.sku) FROM read_json('"
                  + url("/orders")
                  + "') AS o LEFT JOIN LATERAL TABLE(unnest_json(o.items, 'sku VARCHAR')) AS i"
                  + " ON TRUE GROUP BY o.id ORDER BY 1"));
      // Any JSON text, and aggregates over the elements.
      assertEquals(
          List.of("3|11"),
          rows(
              statement,
              "SELECT count(*), sum(n) FROM TABLE(unnest_json("
                  + "'[{\"n\": 1}, {\"n\": 4}, {\"n\": 6}, {}]', 'n BIGINT')) WHERE n IS NOT NULL"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aValueOfAnotherTypeOrTextThatIsNoArrayFails(Mode mode) throws Exception {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      SQLException wrongType =
          assertThrows(
              SQLException.class,
              () ->
                  rows(
                      statement,
                      "SELECT o.id, i.qty FROM read_json('"
                          + url("/bad")
                          + "') AS o CROSS JOIN LATERAL TABLE(unnest_json(o.items,"
                          + " 'sku VARCHAR, qty BIGINT')) AS i"));
      assertEquals("22018", wrongType.getSQLState(), wrongType.getMessage());
      assertTrue(
          wrongType.getMessage().contains("unnest_json: element 2, column qty"),
          wrongType.getMessage());

      SQLException notArray =
          assertThrows(
              SQLException.class,
              () ->
                  rows(
                      statement,
                      "SELECT * FROM TABLE(unnest_json('{\"sku\": \"a\"}', 'sku VARCHAR'))"));
      assertEquals("22P02", notArray.getSQLState(), notArray.getMessage());
      assertTrue(notArray.getMessage().contains("unnest_json"), notArray.getMessage());

      SQLException badColumns =
          assertThrows(
              SQLException.class,
              () -> rows(statement, "SELECT * FROM TABLE(unnest_json('[]', 'sku VARCHARS'))"));
      assertTrue(
          badColumns.getMessage().contains("column sku: expected one of"), badColumns.getMessage());
    }
  }
}
