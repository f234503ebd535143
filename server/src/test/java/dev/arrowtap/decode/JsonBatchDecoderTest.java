package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static dev.arrowtap.decode.Decoded.decode;
import static dev.arrowtap.decode.Decoded.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arrowtap.types.ColumnType;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layouts, nested pointers, captures and batching of {@link JsonBatchDecoder}. */
class JsonBatchDecoderTest {
  private static final RecordLayout ARRAY = new RecordLayout(RecordLayout.Format.ARRAY, "");
  private static final RecordLayout NDJSON = new RecordLayout(RecordLayout.Format.NDJSON, "");
  private static final ColumnBinding ID = col("id", ColumnType.BIGINT);
  private static final ColumnBinding NAME = col("name", ColumnType.VARCHAR);

  private static final List<List<Object>> TWO_ROWS = List.of(row(1L, "a"), row(2L, "b"));

  @Test
  void readsTopLevelArray() throws IOException {
    Decoded decoded =
        decode("[{\"id\":1,\"name\":\"a\"},{\"name\":\"b\",\"id\":2}]", ARRAY, ID, NAME);
    assertEquals(TWO_ROWS, decoded.rows());
  }

  @Test
  void readsArrayAtPointerSkippingOtherFields() throws IOException {
    String body =
        "{\"skip\":{\"data\":[1,2]},\"results\":{\"x\":[{}],\"items\":"
            + "[{\"id\":1,\"extra\":[1,{\"a\":2}],\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]}}";
    RecordLayout layout = new RecordLayout(RecordLayout.Format.ARRAY, "/results/items");
    assertEquals(TWO_ROWS, decode(body, layout, ID, NAME).rows());
  }

  @Test
  void readsNdjsonLinesAndWhitespaceSeparatedValues() throws IOException {
    String body = "{\"id\":1,\"name\":\"a\"}\n\n  {\"id\":2,\"name\":\"b\"} \n";
    assertEquals(TWO_ROWS, decode(body, NDJSON, ID, NAME).rows());
  }

  @Test
  void readsSingleObject() throws IOException {
    RecordLayout top = new RecordLayout(RecordLayout.Format.OBJECT, "");
    assertEquals(List.of(row(7L, "x")), decode("{\"id\":7,\"name\":\"x\"}", top, ID, NAME).rows());
    RecordLayout nested = new RecordLayout(RecordLayout.Format.OBJECT, "/user");
    assertEquals(
        List.of(row(7L, "x")),
        decode("{\"ok\":true,\"user\":{\"id\":7,\"name\":\"x\"},\"n\":1}", nested, ID, NAME)
            .rows());
  }

  @Test
  void autoDetectsEachLayout() throws IOException {
    String lines = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n";
    assertEquals(
        TWO_ROWS,
        decode("[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]", RecordLayout.AUTO, ID, NAME)
            .rows());
    assertEquals(TWO_ROWS, decode(lines, RecordLayout.AUTO, ID, NAME).rows());
    assertEquals(
        List.of(row(1L, "a")),
        decode("  {\"id\":1,\"name\":\"a\"}  ", RecordLayout.AUTO, ID, NAME).rows());
    RecordLayout data = new RecordLayout(RecordLayout.Format.AUTO, "/data");
    assertEquals(
        TWO_ROWS,
        decode("{\"data\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]}", data, ID, NAME)
            .rows());
    for (String type :
        List.of("application/x-ndjson", "application/jsonl", "application/ndjson; charset=utf-8")) {
      Decoded decoded =
          Decoded.decode(Decoded.bytes(lines), type, RecordLayout.AUTO, Set.of(), 10, ID, NAME);
      assertEquals(TWO_ROWS, decoded.rows(), type);
    }
  }

  @Test
  void emptyNdjsonAndEmptyArrayHaveNoRows() throws IOException {
    assertEquals(List.of(), decode("", RecordLayout.AUTO, ID).rows());
    assertEquals(List.of(), decode(" [ ] ", ARRAY, ID).rows());
    assertEquals(
        List.of(),
        decode("{\"data\":[]}", new RecordLayout(RecordLayout.Format.ARRAY, "/data"), ID).rows());
  }

  @Test
  void readsNestedPointersAndArrayElements() throws IOException {
    String body =
        "[{\"id\":1,\"address\":{\"city\":\"Oslo\",\"geo\":{\"lat\":59.9}},\"tags\":[\"x\",\"y\"]},"
            + "{\"id\":2,\"address\":{\"zip\":\"1\"}},"
            + "{\"id\":3,\"address\":\"unknown\",\"tags\":[]},"
            + "{\"id\":4,\"address\":null,\"tags\":{\"1\":\"not an array\"}}]";
    Decoded decoded =
        decode(
            body,
            ARRAY,
            ID,
            col("city", ColumnType.VARCHAR, "/address/city"),
            col("lat", ColumnType.DOUBLE, "/address/geo/lat"),
            col("tag1", ColumnType.VARCHAR, "/tags/1"));
    assertEquals(
        List.of(
            row(1L, "Oslo", 59.9, "y"),
            row(2L, null, null, null),
            row(3L, null, null, null),
            row(4L, null, null, "not an array")),
        decoded.rows());
  }

  @Test
  void sameValueFeedsJsonColumnAndColumnsInsideIt() throws IOException {
    String body = "[{\"a\":{\"b\":5,\"c\":[1,2]}},{\"a\":{\"b\":6}}]";
    Decoded decoded =
        decode(
            body,
            ARRAY,
            col("a", ColumnType.JSON, "/a"),
            col("b", ColumnType.BIGINT, "/a/b"),
            col("b_text", ColumnType.VARCHAR, "/a/b"));
    assertEquals(
        List.of(row("{\"b\":5,\"c\":[1,2]}", 5L, "5"), row("{\"b\":6}", 6L, "6")), decoded.rows());
  }

  @Test
  void capturesValuesBeforeAndAfterTheArray() throws IOException {
    String body =
        "{\"meta\":{\"total\":2,\"page\":1},\"data\":[{\"id\":1,\"name\":\"a\"},"
            + "{\"id\":2,\"name\":\"b\"}],\"next_cursor\":\"abc\",\"links\":{\"next\":null}}";
    Decoded decoded =
        Decoded.decode(
            Decoded.bytes(body),
            null,
            new RecordLayout(RecordLayout.Format.ARRAY, "/data"),
            Set.of("/meta/total", "/next_cursor", "/links/next", "/missing", "/meta/nope"),
            1,
            ID,
            NAME);
    assertEquals(TWO_ROWS, decoded.rows());
    assertEquals("2", decoded.captured().get("/meta/total").toString());
    assertEquals("\"abc\"", decoded.captured().get("/next_cursor").toString());
    assertTrue(((JsonNode) decoded.captured().get("/links/next")).isNull());
    assertEquals(Set.of("/meta/total", "/next_cursor", "/links/next"), decoded.captured().keySet());
  }

  @Test
  void splitsBatchesAtBatchSize() throws IOException {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 25; i++) {
      body.append(i == 0 ? "" : ",").append("{\"id\":").append(i);
      if (i % 3 != 0) {
        body.append(",\"name\":\"").append("n".repeat(i * 10)).append('"');
      }
      body.append('}');
    }
    body.append(']');
    Decoded decoded =
        Decoded.decode(Decoded.bytes(body.toString()), null, ARRAY, Set.of(), 10, ID, NAME);
    assertEquals(List.of(10, 10, 5), decoded.batchSizes());
    for (int i = 0; i < 25; i++) {
      String name = i % 3 != 0 ? "n".repeat(i * 10) : null;
      assertEquals(row((long) i, name), decoded.rows().get(i));
    }
  }

  @Test
  void countsRecordsWithNoColumns() throws IOException {
    // A count(*) scan binds no column: records are still found and counted.
    Decoded decoded = decode("[{\"id\":1},{\"x\":[{}]},{}]", ARRAY);
    assertEquals(List.of(List.of(), List.of(), List.of()), decoded.rows());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(
        IllegalArgumentException.class, () -> new RecordLayout(RecordLayout.Format.ARRAY, "data"));
    assertThrows(IllegalArgumentException.class, () -> col("x", ColumnType.BIGINT, ""));
    assertThrows(
        IllegalArgumentException.class, () -> col("x", ColumnType.BIGINT, "/x", "epoch_seconds"));
    assertThrows(
        IllegalArgumentException.class, () -> col("x", ColumnType.DATE, "/x", "yyyy-MM-dd{"));
  }
}
