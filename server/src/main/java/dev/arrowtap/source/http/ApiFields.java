package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FieldsDef;
import dev.arrowtap.decode.ColumnBinding;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Projection to the API: the field list a task's requests carry, made of the API fields behind the
 * columns it decodes (which include what a lookup matches records on) and the catalog's {@code
 * always} fields.
 */
final class ApiFields {
  private ApiFields() {}

  /**
   * The value of the feed's field-list parameter for a task decoding {@code columns}; empty when
   * the feed declares none, or when the task needs no field at all (a {@code count(*)} without
   * {@code always} fields asks for whatever the API returns).
   */
  static Optional<String> value(FieldsDef fields, List<ColumnBinding> columns) {
    if (!fields.enabled()) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    for (ColumnBinding column : columns) {
      String name = fields.apiName(column.column().name());
      names.add(name != null ? name : firstStep(column.pointer()));
    }
    names.addAll(fields.always());
    names.remove("");
    return names.isEmpty() ? Optional.empty() : Optional.of(String.join(fields.separator(), names));
  }

  /** The API filters of a task with its field list added, as its requests carry them. */
  static Map<String, String> withFields(
      FieldsDef fields, List<ColumnBinding> columns, Map<String, String> apiFilters) {
    Optional<String> value = value(fields, columns);
    if (value.isEmpty()) {
      return apiFilters;
    }
    Map<String, String> all = new LinkedHashMap<>(apiFilters);
    all.put(fields.param(), value.get());
    return all;
  }

  /**
   * The top-level field a JSON Pointer starts with: {@code /address/city} is in {@code address}.
   */
  private static String firstStep(String pointer) {
    int end = pointer.indexOf('/', 1);
    String step = pointer.substring(1, end < 0 ? pointer.length() : end);
    return step.replace("~1", "/").replace("~0", "~");
  }
}
