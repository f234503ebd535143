package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.decode.SchemaInference;
import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns of sampled records, typed by the engine's own schema inference: nested objects flattened
 * ({@code user_login} at {@code /user/login}), arrays of scalars as SQL arrays, arrays of objects
 * as child tables, each guess with a note.
 */
final class SampleColumns {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DEPTH = 3;
  private static final int SAMPLE = 10_000;

  private final List<ColumnDraft> columns = new ArrayList<>();
  private final List<ChildDraft> children = new ArrayList<>();
  private final java.util.Set<String> names = new java.util.HashSet<>();
  private final boolean childTables;

  private SampleColumns(boolean childTables) {
    this.childTables = childTables;
  }

  /** The columns (and child tables) of these records. */
  static SchemaColumns.Result of(List<JsonNode> records, boolean childTables) {
    SampleColumns sample = new SampleColumns(childTables);
    sample.object(records, "", "", 0);
    return new SchemaColumns.Result(List.copyOf(sample.columns), List.copyOf(sample.children));
  }

  private void object(List<JsonNode> records, String prefix, String pointer, int depth) {
    for (ColumnBinding binding : infer(records)) {
      String field = binding.pointer().substring(1).replace("~1", "/").replace("~0", "~");
      String name =
          prefix.isEmpty() ? binding.column().name() : prefix + "_" + binding.column().name();
      String path = pointer + binding.pointer();
      ColumnType type = binding.column().type();
      List<JsonNode> values = new ArrayList<>();
      for (JsonNode record : records) {
        JsonNode value = record.get(field);
        if (value != null && !value.isNull()) {
          values.add(value);
        }
      }
      if (values.isEmpty()) {
        add(
            name,
            "VARCHAR",
            path,
            pointer,
            "always null or missing in the sample: VARCHAR is a guess");
      } else if (type != ColumnType.JSON) {
        add(name, typeName(type), path, pointer, null);
      } else if (values.stream().allMatch(JsonNode::isObject)) {
        if (depth + 1 >= MAX_DEPTH) {
          add(name, "JSON", path, pointer, null);
        } else {
          object(values, name, path, depth + 1);
        }
      } else if (values.stream().allMatch(JsonNode::isArray)) {
        array(name, path, pointer, values);
      } else {
        add(name, "JSON", path, pointer, "values of several kinds in the sample: JSON text");
      }
    }
  }

  private void array(String name, String path, String pointer, List<JsonNode> arrays) {
    List<JsonNode> elements = new ArrayList<>();
    arrays.forEach(array -> array.forEach(elements::add));
    List<JsonNode> present = elements.stream().filter(e -> !e.isNull()).toList();
    if (present.isEmpty()) {
      add(name, "JSON", path, pointer, "every sampled array is empty: JSON text");
    } else if (present.stream().allMatch(JsonNode::isObject)) {
      if (childTables) {
        SampleColumns element = new SampleColumns(false);
        element.object(present, "", "", 1);
        children.add(new ChildDraft(name, path, element.columns));
      } else {
        add(name, "JSON", path, pointer, "an array of objects: JSON text");
      }
    } else if (present.stream().noneMatch(JsonNode::isContainerNode)) {
      List<JsonNode> wrapped = new ArrayList<>();
      for (JsonNode value : present) {
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        one.set("v", value);
        wrapped.add(one);
      }
      ColumnType element = infer(wrapped).get(0).column().type();
      String type =
          switch (element) {
            case BIGINT -> "array<bigint>";
            case DOUBLE -> "array<double>";
            case BOOLEAN -> "array<boolean>";
            case DECIMAL, JSON -> "JSON";
            default -> "array<varchar>";
          };
      add(name, type, path, pointer, null);
    } else {
      add(name, "JSON", path, pointer, "arrays of mixed values: JSON text");
    }
  }

  private void add(String given, String type, String path, String parentPointer, String note) {
    String name = given;
    for (int n = 2; !names.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
      name = given + "_" + n;
    }
    String defaultPath = "/" + name.replace("~", "~0").replace("/", "~1");
    columns.add(
        new ColumnDraft(
            name, type, parentPointer.isEmpty() && path.equals(defaultPath) ? null : path, note));
  }

  private static String typeName(ColumnType type) {
    return switch (type) {
      case DECIMAL -> "DECIMAL";
      case TIMESTAMP_LTZ -> "timestamptz";
      default -> type.name();
    };
  }

  /** The engine's inference over the records written as NDJSON. */
  private static List<ColumnBinding> infer(List<JsonNode> records) {
    StringBuilder ndjson = new StringBuilder();
    for (JsonNode record : records.subList(0, Math.min(records.size(), SAMPLE))) {
      try {
        ndjson.append(JSON.writeValueAsString(record)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return SchemaInference.infer(
          new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
          "application/x-ndjson",
          new RecordLayout(RecordLayout.Format.NDJSON, ""),
          SAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
