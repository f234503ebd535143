package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static dev.arrowtap.decode.Decoded.decode;
import static dev.arrowtap.decode.Decoded.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.types.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each column type from each JSON value that may feed it. */
class ColumnTypesTest {
  private static final RecordLayout NDJSON = new RecordLayout(RecordLayout.Format.NDJSON, "");

  private static List<Object> column(String lines, ColumnBinding binding) throws IOException {
    return decode(lines, NDJSON, binding).rows().stream().map(r -> r.get(0)).toList();
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  @Test
  void bigintIsExactBeyondDoublePrecision() throws IOException {
    String lines =
        "{\"v\":9007199254740993}\n{\"v\":-9223372036854775808}\n{\"v\":\"123\"}\n{\"v\":5.0}\n"
            + "{\"v\":null}\n{}\n{\"v\":9223372036854775807}";
    assertEquals(
        Arrays.asList(9007199254740993L, Long.MIN_VALUE, 123L, 5L, null, null, Long.MAX_VALUE),
        column(lines, col("v", ColumnType.BIGINT)));
  }

  @Test
  void decimalHoldsIntegersBeyond64Bits() throws IOException {
    String lines =
        "{\"v\":18446744073709551616}\n{\"v\":-99999999999999999999999999999999999999}\n"
            + "{\"v\":42}\n{\"v\":\"12345678901234567890123\"}";
    assertEquals(
        List.of(
            new BigDecimal("18446744073709551616"),
            new BigDecimal("-99999999999999999999999999999999999999"),
            new BigDecimal("42"),
            new BigDecimal("12345678901234567890123")),
        column(lines, col("v", ColumnType.DECIMAL)));
  }

  @Test
  void doubleFromNumbersAndNumericStrings() throws IOException {
    assertEquals(
        List.of(1.5, 3.0, -2.5e-3, 1e300, 42.25),
        column(
            "{\"v\":1.5}\n{\"v\":3}\n{\"v\":-2.5e-3}\n{\"v\":1e300}\n{\"v\":\"42.25\"}",
            col("v", ColumnType.DOUBLE)));
  }

  @Test
  void booleanFromLiteralsAndWords() throws IOException {
    assertEquals(
        List.of(true, false, true, false),
        column(
            "{\"v\":true}\n{\"v\":false}\n{\"v\":\"true\"}\n{\"v\":\"FALSE\"}",
            col("v", ColumnType.BOOLEAN)));
  }

  @Test
  void varcharFromEveryKindOfValue() throws IOException {
    String lines =
        "{\"v\":\"h\\u00e9llo \\ud83d\\ude00 \\\"q\\\"\"}\n{\"v\":12.50}\n{\"v\":true}\n"
            + "{\"v\":{\"a\":[1, \"x\"]}}\n{\"v\":[]}";
    assertEquals(
        List.of("héllo \uD83D\uDE00 \"q\"", "12.50", "true", "{\"a\":[1,\"x\"]}", "[]"),
        column(lines, col("v", ColumnType.VARCHAR)));
  }

  @Test
  void varcharWithNullsRepeatedKeysAndLongValues() throws IOException {
    String longText = "x".repeat(5000);
    String lines =
        "{\"v\":\"a\"}\n{}\n{\"v\":null}\n{\"v\":\"b\",\"v\":\"bb\"}\n{\"v\":\""
            + longText
            + "\"}\n{}\n{\"v\":\"\"}";
    assertEquals(
        Arrays.asList("a", null, null, "bb", longText, null, ""),
        column(lines, col("v", ColumnType.VARCHAR)));
  }

  @Test
  void jsonColumnHoldsJsonText() throws IOException {
    String lines =
        "{\"v\":{\"a\": {\"b\": [1, 2.50, null, \"s\\n\"]}, \"c\": false}}\n{\"v\":5}\n"
            + "{\"v\":\"x\"}\n{\"v\":true}\n{\"v\":null}\n{\"v\":123456789012345678901234567890}";
    assertEquals(
        Arrays.asList(
            "{\"a\":{\"b\":[1,2.50,null,\"s\\n\"]},\"c\":false}",
            "5",
            "\"x\"",
            "true",
            null,
            "123456789012345678901234567890"),
        column(lines, col("v", ColumnType.JSON)));
  }

  @Test
  void timestampFromIsoShapes() throws IOException {
    String lines =
        "{\"v\":\"2024-01-02T03:04:05Z\"}\n{\"v\":\"2024-01-02T03:04:05+02:00\"}\n"
            + "{\"v\":\"2024-01-02T03:04:05\"}\n{\"v\":\"2024-01-02 03:04:05.123456-0130\"}\n"
            + "{\"v\":\"2024-01-02\"}\n{\"v\":\"1969-12-31T23:59:59.9Z\"}\n"
            + "{\"v\":\"2024-02-29T10:00Z\"}\n{\"v\":\"2024-01-02T03:04:05+01:00[Europe/Paris]\"}";
    assertEquals(
        List.of(
            millis("2024-01-02T03:04:05Z"),
            millis("2024-01-02T01:04:05Z"),
            millis("2024-01-02T03:04:05Z"),
            millis("2024-01-02T04:34:05.123Z"),
            millis("2024-01-02T00:00:00Z"),
            millis("1969-12-31T23:59:59.900Z"),
            millis("2024-02-29T10:00:00Z"),
            millis("2024-01-02T02:04:05Z")),
        column(lines, col("v", ColumnType.TIMESTAMP)));
  }

  @Test
  void timestampFromPatternAndEpochs() throws IOException {
    assertEquals(
        List.of(millis("2024-03-04T05:06:07Z")),
        column(
            "{\"v\":\"04/03/2024 05:06:07\"}",
            col("v", ColumnType.TIMESTAMP, "/v", "dd/MM/yyyy HH:mm:ss")));
    assertEquals(
        List.of(millis("2023-11-14T22:13:20Z"), millis("2023-11-14T22:13:20.500Z")),
        column(
            "{\"v\":1700000000}\n{\"v\":1700000000.5}",
            col("v", ColumnType.TIMESTAMP, "/v", "epoch_seconds")));
    assertEquals(
        List.of(millis("2023-11-14T22:13:20.123Z"), millis("2023-11-14T22:13:20.124Z")),
        column(
            "{\"v\":1700000000123}\n{\"v\":\"1700000000124\"}",
            col("v", ColumnType.TIMESTAMP, "/v", "epoch_millis")));
  }

  @Test
  void dateFromIsoPatternAndEpochs() throws IOException {
    assertEquals(
        List.of(day("2024-01-02"), day("2024-01-02"), day("1969-12-31")),
        column(
            "{\"v\":\"2024-01-02\"}\n{\"v\":\"2024-01-02T23:59:59Z\"}\n{\"v\":\"1969-12-31\"}",
            col("v", ColumnType.DATE)));
    assertEquals(
        List.of(day("2024-03-04")),
        column("{\"v\":\"04.03.2024\"}", col("v", ColumnType.DATE, "/v", "dd.MM.yyyy")));
    assertEquals(
        List.of(day("2023-11-14")),
        column("{\"v\":1700000000}", col("v", ColumnType.DATE, "/v", "epoch_seconds")));
  }

  @Test
  void escapedPointerTokens() throws IOException {
    assertEquals(
        List.of(row(1L, 2L)),
        decode(
                "{\"a/b\":1,\"c~d\":2}",
                NDJSON,
                col("ab", ColumnType.BIGINT, "/a~1b"),
                col("cd", ColumnType.BIGINT, "/c~0d"))
            .rows());
  }
}
