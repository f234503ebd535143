package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.MetaErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: records with very many fields end in a clear error naming the table and the setting,
 * before planning spends minutes on them or Calcite's generated code passes the JVM's limits.
 */
class WideRecordsTest {
  private static String wide(int fields) {
    StringBuilder record = new StringBuilder("{");
    for (int i = 0; i < fields; i++) {
      record.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    return "[" + record.append("}") + "]";
  }

  private static String state(SQLException error) {
    return MetaErrors.userError(error).map(ArrowtapException::sqlState).orElse(error.getSQLState());
  }

  @Test
  void aRecordOfAHundredThousandFieldsFailsByName() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
        Connection c = engine.connect(Map.of());
        Statement s = c.createStatement()) {
      api.route("/wide", r -> FeedTestServer.Reply.json(wide(100_000)));
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT * FROM read_json('" + api.url("/wide") + "')"));
      assertEquals("54000", state(error), error.getMessage());
      assertTrue(error.getMessage().contains("feed read_json.read_json"), error.getMessage());
      assertTrue(
          error.getMessage().contains("past max_inferred_columns = 1000"), error.getMessage());
    }
  }

  @Test
  void theCapIsASessionSettingWithABound() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults())) {
      api.route("/twelve", r -> FeedTestServer.Reply.json(wide(12)));
      String sql = "SELECT * FROM read_json('" + api.url("/twelve") + "')";
      try (Connection c = engine.connect(Map.of("max_inferred_columns", "10"));
          Statement s = c.createStatement()) {
        SQLException error = assertThrows(SQLException.class, () -> s.executeQuery(sql));
        assertEquals("54000", state(error), error.getMessage());
        assertTrue(error.getMessage().contains("record 1"), error.getMessage());
      }
      try (Connection c = engine.connect(Map.of("max_inferred_columns", "12"));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        assertEquals(12, rs.getMetaData().getColumnCount());
      }
      SQLException tooHigh =
          assertThrows(
              SQLException.class, () -> engine.connect(Map.of("max_inferred_columns", "5000")));
      assertEquals("08001", tooHigh.getSQLState());
      assertTrue(tooHigh.getMessage().contains("max_inferred_columns"), tooHigh.getMessage());
    }
  }
}
