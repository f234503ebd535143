package dev.arrowtap.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aggregates over numbers() pushed into the scan's tasks: the plan, and the same rows as before.
 */
class AggregatePushdownTest {
  private static ArrowtapEngine engine;

  @BeforeAll
  static void start() {
    engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(3));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void explainShowsThePartialAggregateUnderTheFinalOne() throws SQLException {
    String sql = "SELECT count(*), sum(number), min(number), max(number) FROM numbers(0, 100)";
    String plan = explain(Map.of(), sql);
    assertTrue(
        plan.contains(
            "EnumerableAggregate(group=[{}], EXPR$0=[$SUM0($0)], EXPR$1=[$SUM0($1)],"
                + " EXPR$2=[MIN($2)], EXPR$3=[MAX($3)])\n"
                + "    ArrowtapTableScan(scan=[numbers(0, 100)],"
                + " partial_aggregate=[count(), sum(number), min(number), max(number)],"
                + " tasks=[t0:[0-34), t1:[34-67), t2:[67-100)])"),
        plan);
    String off = explain(Map.of("push_aggregates", "false"), sql);
    assertTrue(!off.contains("partial_aggregate") && off.contains("COUNT()"), off);
  }

  @Test
  void sameRowsBothWays() throws SQLException {
    String sql =
        "SELECT count(*), sum(number), min(number), max(number), avg(number)"
            + " FROM numbers(-50, 1000)";
    assertEquals(List.of("1050 | 498225 | -50 | 999 | 474"), rows(Map.of(), sql));
    assertEquals(rows(Map.of("push_aggregates", "false"), sql), rows(Map.of(), sql));
    assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
  }

  private static String explain(Map<String, String> properties, String sql) throws SQLException {
    return String.join("\n", rows(properties, "EXPLAIN PLAN FOR " + sql));
  }

  private static List<String> rows(Map<String, String> properties, String sql) throws SQLException {
    try (Connection connection = engine.connect(properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    }
  }
}
