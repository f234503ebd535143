package dev.arrowtap.source.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NumbersTableTest {
  @Test
  void splitsAsTheSeedShows() {
    assertEquals("[0-10)", ranges(0, 10, 10, 4));
    assertEquals("[0-6) [6-11)", ranges(0, 11, 10, 2));
    assertEquals("[0-25) [25-50) [50-75) [75-100)", ranges(0, 100, 10, 4));
    assertEquals(
        "[0-10) [10-20) [20-30) [30-40) [40-50) [50-60) [60-70) [70-80) [80-90) [90-100)",
        ranges(0, 100, 10, 10));
    assertEquals("[5-5)", ranges(5, 5, 10, 4));
    assertEquals("[-3-0) [0-3)", ranges(-3, 3, 3, 8));
  }

  @Test
  void explainShowsTasksCappedBySlots() throws SQLException {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(4));
        Connection connection = engine.connect(Map.of())) {
      assertEquals("tasks=[t0:[0-10)]", tasks(connection, "numbers(0, 10)"));
      assertEquals("tasks=[t0:[0-6), t1:[6-11)]", tasks(connection, "numbers(0, 11)"));
      assertEquals(
          "tasks=[t0:[0-25), t1:[25-50), t2:[50-75), t3:[75-100)]",
          tasks(connection, "numbers(0, 100)"));
    }
  }

  @Test
  void numbersPerTaskIsASessionSetting() throws SQLException {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(4));
        Connection connection = engine.connect(Map.of("numbers_per_task", "50"))) {
      assertEquals("tasks=[t0:[0-50), t1:[50-100)]", tasks(connection, "numbers(0, 100)"));
    }
  }

  @Test
  void everyNumberComesOnceAndMemoryIsReturned() throws SQLException {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(3))) {
      try (Connection connection = engine.connect(Map.of("batch_size", "1000"));
          Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT count(*), count(DISTINCT number), sum(number) FROM numbers(-500, 100000)")) {
        rs.next();
        assertEquals(100_500, rs.getLong(1));
        assertEquals(100_500, rs.getLong(2));
        assertEquals(100_000L * 99_999L / 2 - 500L * 501L / 2, rs.getLong(3));
      }
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
  }

  private static String tasks(Connection connection, String call) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR SELECT * FROM " + call)) {
      rs.next();
      String plan = rs.getString(1);
      int start = plan.indexOf("tasks=[");
      return plan.substring(start, plan.indexOf(")]", start) + 2);
    }
  }

  private static String ranges(long start, long end, long perTask, int slots) {
    List<long[]> ranges = NumbersTable.split(start, end, perTask, slots);
    return ranges.stream().map(r -> "[" + r[0] + "-" + r[1] + ")").collect(Collectors.joining(" "));
  }
}
