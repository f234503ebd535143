package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column inference: order, types, widening, nullability and unique names. */
class SchemaInferenceTest {
  private static List<ColumnBinding> infer(String body, RecordLayout layout, int sample)
      throws IOException {
    return SchemaInference.infer(
        new ByteArrayInputStream(Decoded.bytes(body)), null, layout, sample);
  }

  private static ColumnBinding binding(String name, ColumnType type, boolean nullable, String ptr) {
    return new ColumnBinding(new Column(name, type, nullable), ptr, null);
  }

  @Test
  void infersTypesInFirstAppearanceOrder() throws IOException {
    String body =
        "[{\"id\":1,\"score\":2,\"name\":\"a\",\"ok\":true,\"at\":\"2024-01-02T03:04:05Z\","
            + "\"day\":\"2024-01-02\",\"big\":1,\"obj\":{\"x\":1},\"none\":null},"
            + "{\"id\":2,\"score\":2.5,\"name\":3,\"ok\":false,\"at\":\"2024-01-02T03:04:05\","
            + "\"day\":\"2024-01-03\",\"big\":18446744073709551616,\"obj\":[1],\"none\":null,"
            + "\"late\":1}]";
    assertEquals(
        List.of(
            binding("id", ColumnType.BIGINT, false, "/id"),
            binding("score", ColumnType.DOUBLE, false, "/score"),
            binding("name", ColumnType.VARCHAR, false, "/name"),
            binding("ok", ColumnType.BOOLEAN, false, "/ok"),
            binding("at", ColumnType.TIMESTAMP, false, "/at"),
            binding("day", ColumnType.DATE, false, "/day"),
            binding("big", ColumnType.DECIMAL, false, "/big"),
            binding("obj", ColumnType.JSON, false, "/obj"),
            binding("none", ColumnType.VARCHAR, true, "/none"),
            binding("late", ColumnType.BIGINT, true, "/late")),
        infer(body, RecordLayout.AUTO, 1000));
  }

  @Test
  void namesDifferingOnlyInCaseGetSuffixes() throws IOException {
    String body = "{\"id\":1,\"ID\":2,\"Id\":3,\"id_2\":4,\"a/b\":5}";
    assertEquals(
        List.of(
            binding("id", ColumnType.BIGINT, false, "/id"),
            binding("ID_3", ColumnType.BIGINT, false, "/ID"),
            binding("Id_4", ColumnType.BIGINT, false, "/Id"),
            binding("id_2", ColumnType.BIGINT, false, "/id_2"),
            binding("a/b", ColumnType.BIGINT, false, "/a~1b")),
        infer(body, RecordLayout.AUTO, 10));
  }

  @Test
  void stopsAfterTheSample() throws IOException {
    // The third record is malformed: inference must not read that far.
    String body = "{\"a\":1}\n{\"a\":2}\n{\"a\":,}";
    RecordLayout ndjson = new RecordLayout(RecordLayout.Format.NDJSON, "");
    assertEquals(List.of(binding("a", ColumnType.BIGINT, false, "/a")), infer(body, ndjson, 2));
  }

  @Test
  void readsRecordsAtPointer() throws IOException {
    String body = "{\"data\":[{\"a\":\"2024-01-02\"},{\"a\":\"2024-01-02T00:00:00Z\"},{}]}";
    RecordLayout data = new RecordLayout(RecordLayout.Format.AUTO, "/data");
    assertEquals(List.of(binding("a", ColumnType.TIMESTAMP, true, "/a")), infer(body, data, 1000));
  }

  @Test
  void wideningRules() {
    assertEquals(ColumnType.DOUBLE, TypeWidening.widen(ColumnType.BIGINT, ColumnType.DOUBLE));
    assertEquals(ColumnType.DECIMAL, TypeWidening.widen(ColumnType.BIGINT, ColumnType.DECIMAL));
    assertEquals(ColumnType.VARCHAR, TypeWidening.widen(ColumnType.JSON, ColumnType.VARCHAR));
    assertEquals(ColumnType.VARCHAR, TypeWidening.widen(ColumnType.BOOLEAN, ColumnType.BIGINT));
    assertEquals(ColumnType.JSON, TypeWidening.widen(ColumnType.JSON, ColumnType.BIGINT));
    assertEquals(ColumnType.TIMESTAMP, TypeWidening.widen(ColumnType.DATE, ColumnType.TIMESTAMP));
    assertEquals(ColumnType.VARCHAR, TypeWidening.widen(ColumnType.DATE, ColumnType.BIGINT));
  }
}
