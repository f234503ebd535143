package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows an OpenAPI description's {@code $ref}s (within the file) and merges {@code allOf}, so
 * that a schema reads as one object with its properties; errors name the place in the description.
 */
final class SchemaResolver {
  private static final int MAX_DEPTH = 64;

  private final JsonNode root;
  private final String location;

  SchemaResolver(JsonNode root, String location) {
    this.root = root;
    this.location = location;
  }

  String location() {
    return location;
  }

  /** The node a {@code $ref} chain ends at (the node itself when it has none). */
  JsonNode deref(JsonNode node, String where) {
    JsonNode current = node;
    for (int hops = 0; current != null && current.has("$ref"); hops++) {
      if (hops > MAX_DEPTH) {
        throw error(where, "$ref chain longer than " + MAX_DEPTH + " (a loop?)");
      }
      current = target(current.get("$ref").asText(), where);
    }
    return current == null ? JsonNodeFactory.instance.objectNode() : current;
  }

  /** The {@code $ref} of a node, or null: to notice a schema that contains itself. */
  static String refOf(JsonNode node) {
    return node != null && node.has("$ref") ? node.get("$ref").asText() : null;
  }

  private JsonNode target(String ref, String where) {
    if (!ref.startsWith("#")) {
      throw error(
          where,
          "$ref '"
              + ref
              + "' points outside this file; bundle the description into one file first"
              + " (for example with 'redocly bundle')");
    }
    String pointer = ref.substring(1).replace("%7B", "{").replace("%7D", "}");
    JsonNode target = root.at(pointer);
    if (target.isMissingNode()) {
      throw error(where, "$ref '" + ref + "' points at nothing in the description");
    }
    return target;
  }

  /**
   * The schema with its {@code $ref} followed, {@code allOf} merged (properties and required lists
   * of every part) and a nullable {@code anyOf}/{@code oneOf} of one schema unwrapped.
   */
  ObjectNode resolve(JsonNode schema, String where) {
    return resolve(schema, where, 0);
  }

  private ObjectNode resolve(JsonNode schema, String where, int depth) {
    if (depth > MAX_DEPTH) {
      throw error(where, "allOf nested deeper than " + MAX_DEPTH + " (a loop?)");
    }
    JsonNode node = deref(schema, where);
    if (!node.isObject()) {
      throw error(where, "expected a schema object, got " + node.getNodeType());
    }
    ObjectNode merged = ((ObjectNode) node).deepCopy();
    JsonNode single = singleAlternative(merged);
    if (single != null) {
      merged.remove("anyOf");
      merged.remove("oneOf");
      ObjectNode inner = resolve(single, where, depth + 1);
      inner.setAll(withoutKeys(merged, "type"));
      merged = inner;
    }
    JsonNode allOf = merged.remove("allOf");
    if (allOf != null && allOf.isArray()) {
      ObjectNode properties = JsonNodeFactory.instance.objectNode();
      Set<String> required = new LinkedHashSet<>();
      for (int i = 0; i < allOf.size(); i++) {
        ObjectNode part = resolve(allOf.get(i), where + ".allOf[" + i + "]", depth + 1);
        mergeInto(merged, part, properties, required);
      }
      mergeInto(merged, merged.deepCopy(), properties, required);
      if (!properties.isEmpty()) {
        merged.set("properties", properties);
        merged.put("type", "object");
      }
      if (!required.isEmpty()) {
        ArrayNode list = merged.putArray("required");
        required.forEach(list::add);
      }
    }
    return merged;
  }

  private static void mergeInto(
      ObjectNode merged, ObjectNode part, ObjectNode properties, Set<String> required) {
    if (part.get("properties") instanceof ObjectNode own) {
      properties.setAll(own);
    }
    for (JsonNode name : part.path("required")) {
      required.add(name.asText());
    }
    for (String key : List.of("type", "items", "format", "description")) {
      if (!merged.has(key) && part.has(key)) {
        merged.set(key, part.get(key));
      }
    }
  }

  private static ObjectNode withoutKeys(ObjectNode node, String... keys) {
    ObjectNode copy = node.deepCopy();
    copy.remove(List.of(keys));
    copy.remove("anyOf");
    copy.remove("oneOf");
    return copy;
  }

  /** The one non-null alternative of an anyOf/oneOf (OpenAPI 3.1's way to say nullable). */
  private static JsonNode singleAlternative(ObjectNode schema) {
    JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (alternatives == null || !alternatives.isArray()) {
      return null;
    }
    List<JsonNode> nonNull = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      if (!"null".equals(alternative.path("type").asText())) {
        nonNull.add(alternative);
      }
    }
    return nonNull.size() == 1 ? nonNull.get(0) : null;
  }

  /**
   * The JSON type a schema declares: its {@code type} (the first that is not null, in 3.1's lists),
   * else object for properties and array for items; empty when it does not say.
   */
  static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    if (type != null && type.isArray()) {
      for (JsonNode one : type) {
        if (!one.asText().equals("null")) {
          return one.asText();
        }
      }
    }
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return "";
  }

  AuthoringException error(String where, String message) {
    return new AuthoringException(location + ", " + where + ": " + message);
  }
}
