package dev.arrowtap.authoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the records are in one page: a top-level array, the one array of objects in an envelope,
 * NDJSON, or a single object; with the notes that say what was guessed.
 *
 * @param format {@code array}, {@code ndjson} or {@code object}
 * @param pointer the records' JSON Pointer ({@code ""} at the top)
 * @param envelope the object around the records, or null
 */
record PageRecords(
    String format, String pointer, List<JsonNode> records, JsonNode envelope, List<String> notes) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RECORD_ARRAYS =
      List.of("data", "items", "results", "records", "values", "entries", "list", "elements");

  static PageRecords find(PageFetcher.Page page) {
    List<JsonNode> values = new ArrayList<>();
    // Value by value: a MappingIterator would unwrap a top-level array into its elements.
    try (JsonParser parser = JSON.getFactory().createParser(page.body())) {
      while (parser.nextToken() != null) {
        values.add(JSON.readTree(parser));
      }
    } catch (JsonProcessingException e) {
      throw new AuthoringException(
          page.uri()
              + ": the body is not JSON at line "
              + (e.getLocation() == null ? 1 : e.getLocation().getLineNr())
              + ", byte "
              + (e.getLocation() == null ? 0 : e.getLocation().getByteOffset())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new AuthoringException(page.uri() + ": cannot read the body: " + e.getMessage(), e);
    }
    if (values.isEmpty()) {
      throw new AuthoringException(page.uri() + ": the body is empty: nothing to draft from");
    }
    boolean ndjsonType =
        page.contentType().toLowerCase(Locale.ROOT).matches(".*(ndjson|jsonl|json-seq).*");
    if (values.size() > 1 || (ndjsonType && values.get(0).isObject())) {
      return new PageRecords(
          "ndjson", "", objects(values, page, "the NDJSON lines"), null, List.of());
    }
    JsonNode body = values.get(0);
    if (body.isArray()) {
      return new PageRecords(
          "array", "", objects(list(body), page, "the top-level array"), null, List.of());
    }
    if (!body.isObject()) {
      throw new AuthoringException(
          page.uri() + ": the body is a single " + body.getNodeType() + ", not records");
    }
    Map<String, JsonNode> arrays = recordArrays(body, "", 0);
    if (arrays.isEmpty() || body.has("id")) {
      return new PageRecords(
          "object",
          "",
          List.of(body),
          null,
          List.of("the body is one object with no array of records: one row a request"));
    }
    List<String> notes = new ArrayList<>();
    String chosen = null;
    if (arrays.size() == 1) {
      chosen = arrays.keySet().iterator().next();
    } else {
      for (String name : RECORD_ARRAYS) {
        if (chosen == null && arrays.containsKey("/" + name)) {
          chosen = "/" + name;
        }
      }
      if (chosen == null) {
        for (Map.Entry<String, JsonNode> entry : arrays.entrySet()) {
          if (chosen == null || entry.getValue().size() > arrays.get(chosen).size()) {
            chosen = entry.getKey();
          }
        }
      }
      notes.add(
          "records: "
              + chosen
              + " is a guess among several arrays of objects ("
              + String.join(", ", arrays.keySet())
              + ")");
    }
    return new PageRecords("array", chosen, list(arrays.get(chosen)), body, notes);
  }

  private static List<JsonNode> objects(List<JsonNode> values, PageFetcher.Page page, String what) {
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isObject()) {
        throw new AuthoringException(
            page.uri()
                + ": record "
                + (i + 1)
                + " of "
                + what
                + " is a "
                + values.get(i).getNodeType()
                + ", not an object");
      }
    }
    return values;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Arrays of objects (or empty arrays) in the envelope, two levels deep, by pointer. */
  private static Map<String, JsonNode> recordArrays(JsonNode node, String prefix, int depth) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String pointer = prefix + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
      JsonNode value = entry.getValue();
      if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
        found.put(pointer, value);
      } else if (value.isObject() && depth < 1) {
        found.putAll(recordArrays(value, pointer, depth + 1));
      }
    }
    return found;
  }
}
