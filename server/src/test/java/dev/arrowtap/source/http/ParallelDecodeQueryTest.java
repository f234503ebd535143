package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.decode.ParallelDecoding;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a read_json body several parts long gives the same rows in the same order, and the same
 * error, whether one thread decodes it or four.
 */
class ParallelDecodeQueryTest {
  /** Well over two default parts, so that the body is cut and decoded side by side. */
  private static final int RECORDS = 80_000;

  private static String body(String badLine) {
    StringBuilder text = new StringBuilder();
    List<String> records = FeedTestServer.records(0, RECORDS);
    for (int i = 0; i < records.size(); i++) {
      if (i == RECORDS - 100 && badLine != null) {
        text.append(badLine).append('\n');
      }
      String record = records.get(i);
      // Unicode and escapes in some names, nulls in some scores.
      if (i % 7 == 0) {
        record = record.replace("\"user ", "\"Zoë \\\"日本\\\" ");
      }
      if (i % 11 == 0) {
        record = record.replaceFirst("\"score\":[0-9.]+", "\"score\":null");
      }
      text.append(record).append('\n');
    }
    assertTrue(text.length() > 2L * ParallelDecoding.DEFAULT_CHUNK_BYTES, "body " + text.length());
    return text.toString();
  }

  private static List<String> rows(ArrowtapEngine engine, String threads, String sql)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = engine.connect(Map.of("decode_threads", threads));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void oneThreadAndFourGiveTheSameRowsInTheSameOrderAndTheSameError() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults())) {
      String body = body(null);
      api.route("/big", r -> FeedTestServer.Reply.ndjson(body));
      String from = " FROM read_json('" + api.url("/big") + "')";
      String all = "SELECT id, name, score, active, joined, address" + from;
      List<String> one = rows(engine, "1", all);
      List<String> four = rows(engine, "4", all);
      assertEquals(RECORDS, one.size());
      assertEquals(one, four);
      assertTrue(one.get(77).contains("|Zoë \"日本\" 77|null|false|"), one.get(77));
      String sums = "SELECT count(*), sum(id), count(score), max(name)" + from;
      assertEquals(rows(engine, "1", sums), rows(engine, "4", sums));
      assertEquals(List.of("0|", "1|", "2|"), rows(engine, "4", "SELECT id" + from + " LIMIT 3"));
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(thread -> thread.getName().startsWith("arrowtap-decode-")),
          "the body was decoded on the decode pool");

      // A bad record late in the body fails the same way, naming the same record and byte.
      String bad = "{\"id\":1,\"name\":\"late\",\"score\":\"high\"}";
      String badBody = body(bad);
      api.route("/bad", r -> FeedTestServer.Reply.ndjson(badBody));
      // Columns inferred from the first records: score is DOUBLE, and "high" does not fit.
      String sql = "SELECT count(*), sum(score) FROM read_json('" + api.url("/bad") + "')";
      SQLException single = assertThrows(SQLException.class, () -> rows(engine, "1", sql));
      SQLException parallel = assertThrows(SQLException.class, () -> rows(engine, "4", sql));
      assertEquals(single.getSQLState(), parallel.getSQLState());
      assertEquals(single.getMessage(), parallel.getMessage());
      assertTrue(
          single.getMessage().contains("record " + (RECORDS - 100 + 1) + ", byte "),
          single.getMessage());
    }
    // The engine's allocator was closed above: it fails on any buffer left behind.
  }
}
