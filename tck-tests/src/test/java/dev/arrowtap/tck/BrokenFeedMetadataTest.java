package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One unreachable feed must not empty a BI tool's navigator; queries on it still fail clearly. */
class BrokenFeedMetadataTest {
  @TempDir Path dir;

  @Test
  void listingSurvivesAFeedWhoseColumnsCannotBeInferred() throws Exception {
    String base = DemoFeeds.INSTANCE.api.baseUrl();
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: mixed\n    tables:\n"
            + "      - {name: products, url: "
            + base
            + "/api/products, records: {pointer: /items}}\n"
            + "      - {name: gone, url: "
            + base
            + "/api/gone, retry: {attempts: 1}}\n");
    try (ArrowtapServer server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), "127.0.0.1", 0)) {
      for (String url :
          List.of("jdbc:arrowtap:catalog=" + catalog, "jdbc:arrowtap:url=" + server.url())) {
        try (Connection c = DriverManager.getConnection(url)) {
          List<String> columns = new ArrayList<>();
          try (ResultSet rs = c.getMetaData().getColumns(null, "mixed", "%", "%")) {
            while (rs.next()) {
              columns.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
            }
          }
          assertTrue(columns.contains("products.sku"), url + " " + columns);
          assertTrue(columns.contains("gone._columns_unavailable"), url + " " + columns);
          try (Statement s = c.createStatement()) {
            SQLException error =
                assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM mixed.gone"));
            assertEquals("08006", error.getSQLState(), error.getMessage());
            assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
          }
        }
      }
    }
  }
}
