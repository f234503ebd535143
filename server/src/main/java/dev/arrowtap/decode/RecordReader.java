package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Decodes one record object into a row of the column vectors, reading only the bound fields and
 * skipping the rest unparsed.
 */
final class RecordReader {
  private final PointerTrie trie = new PointerTrie();
  private final ColumnWriter[] writers;

  /** The column a failed write was for, kept so that the decoder can name it. */
  private ColumnWriter current;

  RecordReader(List<ColumnBinding> bindings, List<FieldVector> vectors) {
    Utf8Buffer text = new Utf8Buffer();
    JsonTextCopier copier = new JsonTextCopier();
    writers = new ColumnWriter[bindings.size()];
    for (int i = 0; i < writers.length; i++) {
      ColumnBinding binding = bindings.get(i);
      writers[i] = ColumnWriters.create(binding, vectors.get(i), text, copier);
      trie.add(binding.pointer()).addWriter(writers[i]);
    }
  }

  void startBatch(int capacity) {
    for (ColumnWriter writer : writers) {
      writer.startBatch(capacity);
    }
  }

  /** The column being written when a {@link ValueMismatch} was thrown. */
  String currentColumn() {
    return current == null ? null : current.name();
  }

  /** Reads the record whose START_OBJECT is the parser's current token into {@code row}. */
  void read(JsonParser parser, int row) throws IOException, ValueMismatch {
    current = null;
    readObject(parser, trie.root(), row);
  }

  private void readObject(JsonParser parser, PointerTrie.Node node, int row)
      throws IOException, ValueMismatch {
    for (int position = 0; ; position++) {
      PointerTrie.Node child;
      SerializableString expected = node.expectedName(position);
      if (expected != null && parser.nextFieldName(expected)) {
        child = node.expectedChild(position);
      } else {
        JsonToken next = expected == null ? parser.nextToken() : parser.currentToken();
        if (next != JsonToken.FIELD_NAME) {
          return; // END_OBJECT: Jackson reports anything else as malformed
        }
        child = node.child(parser.currentName(), position);
      }
      JsonToken token = parser.nextToken();
      if (child == null) {
        if (token.isStructStart()) {
          parser.skipChildren();
        }
      } else {
        readValue(parser, child, token, row);
      }
    }
  }

  private void readArray(JsonParser parser, PointerTrie.Node node, int row)
      throws IOException, ValueMismatch {
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("JSON value ended early");
      }
      PointerTrie.Node child = node.childAt(index++);
      if (child == null) {
        if (token.isStructStart()) {
          parser.skipChildren();
        }
      } else {
        readValue(parser, child, token, row);
      }
    }
  }

  private void readValue(JsonParser parser, PointerTrie.Node node, JsonToken token, int row)
      throws IOException, ValueMismatch {
    ColumnWriter[] bound = node.writers();
    if (!token.isStructStart()) {
      if (token != JsonToken.VALUE_NULL) {
        for (ColumnWriter writer : bound) {
          current = writer;
          writer.write(parser, token, row);
        }
      }
      return;
    }
    boolean descend = node.hasChildren();
    if (bound.length == 1 && !descend) {
      current = bound[0];
      bound[0].write(parser, token, row);
    } else if (bound.length == 0) {
      descendInto(parser, node, token, row);
    } else {
      // The same object feeds several consumers (say a JSON column and a column inside it):
      // buffer just this value and replay it to each.
      TokenBuffer buffer = new TokenBuffer(parser);
      buffer.copyCurrentStructure(parser);
      for (ColumnWriter writer : bound) {
        try (JsonParser replay = buffer.asParserOnFirstToken()) {
          current = writer;
          writer.write(replay, replay.currentToken(), row);
        }
      }
      if (descend) {
        try (JsonParser replay = buffer.asParserOnFirstToken()) {
          descendInto(replay, node, replay.currentToken(), row);
        }
      }
    }
  }

  private void descendInto(JsonParser parser, PointerTrie.Node node, JsonToken token, int row)
      throws IOException, ValueMismatch {
    if (!node.hasChildren()) {
      parser.skipChildren();
    } else if (token == JsonToken.START_OBJECT) {
      readObject(parser, node, row);
    } else {
      readArray(parser, node, row);
    }
  }
}
