package dev.arrowtap.decode;

import dev.arrowtap.plan.ColumnAccessor;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Test helper: decodes a whole body into plain rows, checking that no memory is left behind. */
record Decoded(List<List<Object>> rows, List<Integer> batchSizes, Map<String, Object> captured) {

  static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static ColumnBinding col(String name, ColumnType type) {
    return ColumnBinding.of(new Column(name, type, true));
  }

  static ColumnBinding col(String name, ColumnType type, String pointer) {
    return new ColumnBinding(new Column(name, type, true), pointer, null);
  }

  static ColumnBinding col(String name, ColumnType type, String pointer, String format) {
    return new ColumnBinding(new Column(name, type, true), pointer, format);
  }

  static Decoded decode(String body, RecordLayout layout, ColumnBinding... columns)
      throws IOException {
    return decode(bytes(body), null, layout, Set.of(), 1024, columns);
  }

  static Decoded decode(
      byte[] body,
      String contentType,
      RecordLayout layout,
      Set<String> captures,
      int batchSize,
      ColumnBinding... columns)
      throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Map<String, Object> captured;
    try (RootAllocator allocator = new RootAllocator();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                new ByteArrayInputStream(body),
                contentType,
                layout,
                Arrays.asList(columns),
                captures,
                allocator,
                batchSize)) {
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        sizes.add(root.getRowCount());
        List<ColumnAccessor> accessors = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          accessors.add(ColumnAccessor.of(vector));
        }
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (ColumnAccessor accessor : accessors) {
            values.add(accessor.get(row));
          }
          rows.add(values);
        }
      }
      captured = Map.copyOf(decoder.captured());
      if (decoder.recordCount() != rows.size()) {
        throw new AssertionError("recordCount " + decoder.recordCount() + " != " + rows.size());
      }
    }
    return new Decoded(rows, sizes, captured);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
