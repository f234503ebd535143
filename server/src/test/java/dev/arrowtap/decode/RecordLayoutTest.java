package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** A child table's layout: a row per element of an array in each record, sent to workers whole. */
class RecordLayoutTest {
  @Test
  void aChildLayoutTravelsToWorkersWithItsElements() throws Exception {
    ObjectMapper json = new ObjectMapper();
    RecordLayout layout =
        new RecordLayout(RecordLayout.Format.ARRAY, "/data").withElements("/items");
    assertEquals(layout, json.readValue(json.writeValueAsString(layout), RecordLayout.class));
    assertTrue(layout.exploded());
    assertFalse(new RecordLayout(RecordLayout.Format.ARRAY, "/data").exploded());
  }

  @Test
  void elementsAreRowsWithTheirRecordAndIndexAcrossBatches() throws Exception {
    String body =
        "{\"data\": [{\"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}, {\"sku\": \"c\"}], \"id\": 1},"
            + " {\"id\": 2, \"items\": []}, {\"id\": 3}, {\"id\": 4, \"items\": [{\"sku\": \"d\"}]}],"
            + " \"next\": \"x\"}";
    List<ColumnBinding> columns =
        List.of(
            new ColumnBinding(
                new dev.arrowtap.types.Column(
                    "parent_id", dev.arrowtap.types.ColumnType.BIGINT, true),
                "/p/id",
                null),
            new ColumnBinding(
                new dev.arrowtap.types.Column(
                    "element_index", dev.arrowtap.types.ColumnType.BIGINT, true),
                "/i",
                null),
            new ColumnBinding(
                new dev.arrowtap.types.Column("sku", dev.arrowtap.types.ColumnType.VARCHAR, true),
                "/e/sku",
                null));
    List<String> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "application/json",
                new RecordLayout(RecordLayout.Format.AUTO, "/data").withElements("/items"),
                columns,
                Set.of("/next"),
                allocator,
                2)) {
      VectorSchemaRoot batch;
      while ((batch = decoder.next()) != null) {
        for (int i = 0; i < batch.getRowCount(); i++) {
          rows.add(
              batch.getVector(0).getObject(i)
                  + "|"
                  + batch.getVector(1).getObject(i)
                  + "|"
                  + batch.getVector(2).getObject(i));
        }
      }
      assertEquals(4, decoder.recordCount(), "records, not rows, count for pagination");
      assertEquals("x", decoder.captured().get("/next").asText());
    }
    assertEquals(List.of("1|0|a", "1|1|b", "1|2|c", "4|0|d"), rows);
  }
}
