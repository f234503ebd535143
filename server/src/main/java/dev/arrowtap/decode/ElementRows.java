package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A child table's rows: for each record, one row per element of the array at the layout's {@code
 * elements} pointer. Each row is decoded from {@code {"p": record, "i": index, "e": element}}, so
 * that the child's columns are ordinary pointers ({@code /p/id}, {@code /i}, {@code /e/sku}) and
 * every column writer and error applies unchanged. A record is held as a tree while its elements
 * are written: a child table costs more per byte than its parent.
 */
final class ElementRows {
  private static final ObjectMapper TREES = new ObjectMapper(JsonFactories.FACTORY);

  private final String pointer;
  private JsonNode record;
  private JsonNode elements;
  private int next;

  ElementRows(String pointer) {
    this.pointer = pointer;
  }

  /**
   * Reads the record the parser is on (its START_OBJECT) as a tree.
   *
   * @return null, or the problem when the record's value at the pointer is not an array
   */
  String load(JsonParser parser) throws IOException {
    record = TREES.readTree(parser);
    JsonNode found = record.at(pointer);
    next = 0;
    if (found.isMissingNode() || found.isNull()) {
      elements = null;
      return null;
    }
    if (!found.isArray()) {
      elements = null;
      return "the child table's array "
          + pointer
          + " is "
          + DecodeErrors.describe(found.asToken())
          + ", not an array";
    }
    elements = found;
    return null;
  }

  boolean hasNext() {
    return elements != null && next < elements.size();
  }

  /** Skips one row unread (a page read again resumes after the rows delivered). */
  void skip() {
    next++;
  }

  /** Writes the next element's row. */
  void read(RecordReader reader, int row) throws IOException, ValueMismatch {
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("p", record);
    wrapped.put("i", next);
    wrapped.set("e", elements.get(next));
    next++;
    try (JsonParser tree = wrapped.traverse(TREES)) {
      if (tree.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("a row object starts with {");
      }
      reader.read(tree, row);
    }
  }
}
