package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.types.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Issue 8: JSON arrays in columns declared as SQL ARRAYs decode into Arrow list vectors. */
class ArrayColumnsTest {
  private static final RecordLayout NDJSON = new RecordLayout(RecordLayout.Format.NDJSON, "");

  /** Batches of 2 records, so that list vectors are reset and reused between batches. */
  private static List<Object> column(String lines, ColumnBinding binding) throws IOException {
    return Decoded.decode(Decoded.bytes(lines), null, NDJSON, Set.of(), 2, binding).rows().stream()
        .map(r -> r.get(0))
        .toList();
  }

  @Test
  void typeNamesAsCatalogsWriteThem() {
    assertEquals(ColumnType.BIGINT_ARRAY, ColumnType.fromName("array<bigint>"));
    assertEquals(ColumnType.BIGINT_ARRAY, ColumnType.fromName("ARRAY< INT >"));
    assertEquals(ColumnType.BIGINT_ARRAY, ColumnType.fromName("BIGINT ARRAY"));
    assertEquals(ColumnType.VARCHAR_ARRAY, ColumnType.fromName("array<string>"));
    assertEquals(ColumnType.DOUBLE_ARRAY, ColumnType.fromName("double array"));
    assertEquals(ColumnType.BOOLEAN_ARRAY, ColumnType.fromName("array<boolean>"));
    assertNull(ColumnType.fromName("array<date>"));
    assertNull(ColumnType.fromName("array<array<bigint>>"));
    assertEquals("BIGINT ARRAY", ColumnType.BIGINT_ARRAY.sqlName());
  }

  @Test
  void bigintArraysWithNullsEmptiesAndMissingValues() throws IOException {
    String lines =
        "{\"v\":[1,2,3]}\n{\"v\":[]}\n{\"v\":null}\n{}\n{\"v\":[7,null,\"8\"]}\n{\"v\":[9]}";
    assertEquals(
        Arrays.asList(
            List.of(1L, 2L, 3L), List.of(), null, null, Arrays.asList(7L, null, 8L), List.of(9L)),
        column(lines, col("v", ColumnType.BIGINT_ARRAY)));
  }

  @Test
  void stringArraysAndLongArraysGrowTheirBuffers() throws IOException {
    String many =
        LongStream.range(0, 5000).mapToObj(Long::toString).collect(Collectors.joining(","));
    String words =
        LongStream.range(0, 3000)
            .mapToObj(i -> "\"word number " + i + "\"")
            .collect(Collectors.joining(","));
    String lines =
        "{\"n\":["
            + many
            + "],\"s\":["
            + words
            + "]}\n{\"n\":[1],\"s\":[\"a\",null,\"b\"]}\n"
            + "{\"n\":["
            + many
            + "],\"s\":[]}";
    Decoded decoded =
        Decoded.decode(
            Decoded.bytes(lines),
            null,
            NDJSON,
            Set.of(),
            2,
            col("n", ColumnType.BIGINT_ARRAY),
            col("s", ColumnType.VARCHAR_ARRAY));
    List<Long> expected = LongStream.range(0, 5000).boxed().toList();
    assertEquals(expected, decoded.rows().get(0).get(0));
    assertEquals(expected, decoded.rows().get(2).get(0));
    List<Object> strings = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      strings.add("word number " + i);
    }
    assertEquals(strings, decoded.rows().get(0).get(1));
    assertEquals(Arrays.asList("a", null, "b"), decoded.rows().get(1).get(1));
    assertEquals(List.of(), decoded.rows().get(2).get(1));
  }

  @Test
  void doubleAndBooleanArrays() throws IOException {
    assertEquals(
        List.of(List.of(1.5, 2.0), List.of(-0.25)),
        column("{\"v\":[1.5,2]}\n{\"v\":[-0.25]}", col("v", ColumnType.DOUBLE_ARRAY)));
    assertEquals(
        List.of(List.of(true, false)),
        column("{\"v\":[true,false]}", col("v", ColumnType.BOOLEAN_ARRAY)));
  }

  @Test
  void aWrongElementOrAScalarNamesTheColumnAndTheElement() {
    JsonDecodeException element =
        assertThrows(
            JsonDecodeException.class,
            () -> column("{\"v\":[1]}\n{\"v\":[2,\"x\"]}", col("v", ColumnType.BIGINT_ARRAY)));
    assertEquals("22023", element.sqlState());
    assertEquals(1, element.recordIndex());
    assertTrue(element.getMessage().contains("array element 2"), element.getMessage());
    assertTrue(element.getMessage().contains("column v"), element.getMessage());
    JsonDecodeException scalar =
        assertThrows(
            JsonDecodeException.class,
            () -> column("{\"v\":5}", col("v", ColumnType.BIGINT_ARRAY)));
    assertTrue(scalar.getMessage().contains("expected BIGINT ARRAY"), scalar.getMessage());
  }
}
