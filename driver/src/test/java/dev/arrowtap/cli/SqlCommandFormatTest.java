package dev.arrowtap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code arrowtap sql --format json} prints JSON Lines that a JSON parser reads back. */
class SqlCommandFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SqlCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonLinesParseBackWithArraysAndIsoTimes() throws Exception {
    String out =
        run(
            "--format",
            "json",
            "SELECT number AS id, ARRAY[number, number + 1] AS pair,"
                + " TIMESTAMP '2024-01-02 03:04:05' AS ts, DATE '2024-02-29' AS d,"
                + " 'a \"quoted\" text' AS s, CAST(NULL AS VARCHAR) AS nothing"
                + " FROM numbers(0, 3)");
    List<String> lines = out.lines().toList();
    assertEquals(3, lines.size(), out);
    for (int i = 0; i < 3; i++) {
      String line = lines.get(i);
      assertTrue(line.startsWith("{"), "no leading space: '" + line + "'");
      JsonNode row = JSON.readTree(line);
      assertEquals(i, row.get("id").asLong());
      assertTrue(row.get("pair").isArray(), line);
      assertEquals(
          List.of((long) i, (long) i + 1),
          List.of(row.get("pair").get(0).asLong(), row.get("pair").get(1).asLong()));
      assertEquals(
          LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.parse(row.get("ts").asText()));
      assertEquals(LocalDate.of(2024, 2, 29), LocalDate.parse(row.get("d").asText()));
      assertEquals("a \"quoted\" text", row.get("s").asText());
      assertTrue(row.get("nothing").isNull(), line);
    }
  }

  @Test
  void theTableShowsEveryColumn() {
    String out = run("SELECT 1 AS a, 'two' AS b, ARRAY[3, 4] AS c, CAST(NULL AS INTEGER) AS d");
    String header = out.lines().skip(1).findFirst().orElseThrow();
    for (String column : List.of("a", "b", "c", "d")) {
      assertTrue(header.contains(" " + column + " "), header);
    }
  }
}
