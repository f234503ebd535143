package dev.arrowtap.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values from one node of a catalog file; every error names the file, line and key and
 * says what was expected.
 */
final class NodeReader {
  private final JsonNode node;
  private final String path;
  private final Context context;

  /** What every reader of one file shares. */
  record Context(String fileName, LocationIndex locations, SecretResolver secrets) {}

  NodeReader(JsonNode node, String path, Context context) {
    this.node = node;
    this.path = path;
    this.context = context;
  }

  String path() {
    return path;
  }

  CatalogException error(String key, String message) {
    String at = key == null ? path : child(key);
    String where = at.isEmpty() ? "" : ", key '" + at + "'";
    return new CatalogException(
        context.fileName() + " line " + context.locations().line(at) + where + ": " + message);
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Refuses keys other than these, so that a typo is not silently ignored. */
  void allowOnly(String... keys) {
    Set<String> allowed = Set.of(keys);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(
            name,
            "unknown key '"
                + name
                + "'; expected one of "
                + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  NodeReader object(String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isObject()) {
      throw error(
          key,
          value == null ? "missing; expected a map" : "expected a map, got " + describe(value));
    }
    return new NodeReader(value, child(key), context);
  }

  NodeReader objectOrEmpty(String key) {
    return has(key)
        ? object(key)
        : new NodeReader(JsonNodeFactory.instance.objectNode(), child(key), context);
  }

  String string(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw error(key, "missing; expected a string");
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw error(key, "expected a string, got " + describe(value));
    }
    return value.asText();
  }

  String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  /** A string whose {@code ${env:...}} and {@code ${file:...}} references are resolved. */
  String resolved(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    return context.secrets().resolve(string(key), message -> error(key, message));
  }

  /** A value that is secret even when written literally, such as a password. */
  String secret(String key) {
    if (!has(key)) {
      throw error(key, "missing; expected a string");
    }
    return context.secrets().secret(resolved(key, null));
  }

  long integer(String key, long fallback, long min, long max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.canConvertToLong() || (!value.isIntegralNumber() && !value.isTextual())) {
      throw error(key, "expected a whole number, got " + describe(value));
    }
    long result;
    try {
      result = value.isTextual() ? Long.parseLong(value.asText().trim()) : value.asLong();
    } catch (NumberFormatException e) {
      throw error(key, "expected a whole number, got " + describe(value));
    }
    if (result < min || result > max) {
      throw error(key, "expected a number from " + min + " to " + max + ", got " + result);
    }
    return result;
  }

  boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw error(key, "expected true or false, got " + describe(value));
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    if (!has(key)) {
      return fallback;
    }
    String text = string(key).trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw error(key, "expected one of " + String.join(", ", names) + ", got '" + text + "'");
  }

  List<NodeReader> list(String key, boolean required) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        throw error(key, "missing; expected a list");
      }
      return List.of();
    }
    if (!value.isArray()) {
      throw error(key, "expected a list, got " + describe(value));
    }
    List<NodeReader> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = child(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new NodeReader(item, itemPath, context)
            .error(null, "expected a map, got " + describe(item));
      }
      items.add(new NodeReader(item, itemPath, context));
    }
    return items;
  }

  List<String> strings(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(key, "expected a list of strings, got " + describe(value));
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw error(key, "expected a list of strings, got an item " + describe(item));
      }
      items.add(item.asText());
    }
    return items;
  }

  /** A map of strings, values resolved (they may hold secrets). */
  Map<String, String> stringMap(String key) {
    if (!has(key)) {
      return Map.of();
    }
    NodeReader map = object(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<String> names = map.node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      out.put(name, map.resolved(name, ""));
    }
    return out;
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    return value.toString();
  }
}
