package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a record's schema into typed columns: scalars by type and format, nested objects flattened
 * ({@code user_login} at {@code /user/login}), arrays of scalars as SQL arrays, arrays of objects
 * as child tables; anything else as JSON text, with a note saying why.
 */
final class SchemaColumns {
  /** Nested objects deeper than this stay one JSON column: a flattened name gets unwieldy. */
  private static final int MAX_DEPTH = 3;

  private final SchemaResolver resolver;
  private final List<ColumnDraft> columns = new ArrayList<>();
  private final List<ChildDraft> children = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Deque<String> refs = new ArrayDeque<>();
  private final boolean childTables;

  private SchemaColumns(SchemaResolver resolver, boolean childTables) {
    this.resolver = resolver;
    this.childTables = childTables;
  }

  /** What one record schema gives. */
  record Result(List<ColumnDraft> columns, List<ChildDraft> children) {}

  /**
   * The columns of records of this (resolved, object) schema.
   *
   * @param childTables whether arrays of objects become child tables (else JSON columns)
   */
  static Result of(SchemaResolver resolver, ObjectNode schema, String where, boolean childTables) {
    SchemaColumns columns = new SchemaColumns(resolver, childTables);
    columns.object(schema, "", "", where, 0);
    return new Result(List.copyOf(columns.columns), List.copyOf(columns.children));
  }

  private void object(ObjectNode schema, String prefix, String pointer, String where, int depth) {
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String field = property.getKey();
      String name = prefix.isEmpty() ? field : prefix + "_" + field;
      String path = pointer + "/" + field.replace("~", "~0").replace("/", "~1");
      property(name, path, property.getValue(), where + ".properties." + field, depth);
    }
  }

  private void property(String name, String path, JsonNode raw, String where, int depth) {
    String ref = SchemaResolver.refOf(raw);
    if (ref != null && refs.contains(ref)) {
      add(name, "JSON", path, "refers to " + ref + ", which contains itself: JSON text");
      return;
    }
    if (ref != null) {
      refs.push(ref);
    }
    try {
      ObjectNode schema = resolver.resolve(raw, where);
      String type = SchemaResolver.type(schema);
      switch (type) {
        case "object" -> {
          if (schema.path("properties").isEmpty() || depth + 1 >= MAX_DEPTH) {
            add(
                name,
                "JSON",
                path,
                schema.path("properties").isEmpty() ? "a map: JSON text" : null);
          } else {
            object(schema, name, path, where, depth + 1);
          }
        }
        case "array" -> array(name, path, schema, where);
        case "" ->
            add(
                name,
                "JSON",
                path,
                schema.has("oneOf") || schema.has("anyOf")
                    ? "one of several schemas: JSON text"
                    : "no type given: JSON text");
        default -> add(name, scalarType(schema), path, enumNote(schema));
      }
    } finally {
      if (ref != null) {
        refs.pop();
      }
    }
  }

  private void array(String name, String path, ObjectNode schema, String where) {
    JsonNode rawItems = schema.path("items");
    String itemRef = SchemaResolver.refOf(rawItems);
    if (itemRef != null && refs.contains(itemRef)) {
      add(name, "JSON", path, "an array of " + itemRef + ", which contains itself: JSON text");
      return;
    }
    ObjectNode items = resolver.resolve(rawItems, where + ".items");
    String itemType = SchemaResolver.type(items);
    switch (itemType) {
      case "integer" -> add(name, "array<bigint>", path, null);
      case "number" -> add(name, "array<double>", path, null);
      case "boolean" -> add(name, "array<boolean>", path, null);
      case "string" -> add(name, "array<varchar>", path, null);
      case "object" -> {
        if (childTables && !items.path("properties").isEmpty()) {
          if (itemRef != null) {
            refs.push(itemRef);
          }
          try {
            SchemaColumns element = new SchemaColumns(resolver, false);
            element.refs.addAll(refs);
            element.object(items, "", "", where + ".items", 0);
            children.add(new ChildDraft(name, path, element.columns));
          } finally {
            if (itemRef != null) {
              refs.pop();
            }
          }
        } else {
          add(name, "JSON", path, "an array of objects: JSON text");
        }
      }
      default -> add(name, "JSON", path, "an array of " + describe(itemType) + ": JSON text");
    }
  }

  private static String describe(String type) {
    return type.isEmpty() ? "values of no declared type" : type + "s";
  }

  /** The SQL type of a scalar schema. */
  static String scalarType(JsonNode schema) {
    String format = schema.path("format").asText("").toLowerCase(Locale.ROOT);
    return switch (SchemaResolver.type(schema)) {
      case "integer" -> "BIGINT";
      case "number" -> "DOUBLE";
      case "boolean" -> "BOOLEAN";
      case "string" ->
          switch (format) {
            case "date" -> "DATE";
            case "date-time" -> "TIMESTAMP";
            default -> "VARCHAR";
          };
      default -> "JSON";
    };
  }

  private static String enumNote(JsonNode schema) {
    JsonNode values = schema.get("enum");
    if (values == null || !values.isArray() || values.isEmpty()) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode value : values) {
      if (!value.isNull()) {
        texts.add(value.asText());
      }
    }
    String joined = String.join(", ", texts);
    return "one of " + (joined.length() > 100 ? joined.substring(0, 97) + "..." : joined);
  }

  private void add(String name, String type, String path, String note) {
    String unique = name.isEmpty() ? "_" : name;
    int n = 1;
    while (!names.add(unique.toLowerCase(Locale.ROOT))) {
      unique = name + "_" + ++n;
    }
    String defaultPath = "/" + unique.replace("~", "~0").replace("/", "~1");
    columns.add(new ColumnDraft(unique, type, path.equals(defaultPath) ? null : path, note));
  }
}
