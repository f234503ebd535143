package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decodes one HTTP response body into Arrow batches as it streams in.
 *
 * <p>Memory stays at one batch however long the body: the parser streams, only bound fields are
 * read, and the vectors of the one root are reused for every batch. The decoder owns that root: a
 * batch is valid until the next call to {@link #next()} or {@link #close()}.
 *
 * <p>Vector writes are bounds-checked by Arrow; starting the JVM with {@code
 * -Darrow.enable_unsafe_memory_access=true} removes the checks and speeds decoding a little.
 */
public final class JsonBatchDecoder implements BodyDecoder {
  private final CountingInputStream body;
  private final InputStream source;
  private final String contentType;
  private final RecordLayout layout;
  private final Set<String> capturePointers;
  private final int batchSize;
  private final VectorSchemaRoot root;
  private final RecordReader reader;
  private final BodyStart start;
  private final ElementRows elements;
  private JsonParser parser;
  private RecordLocator locator;
  private long records;
  private long toSkip;
  private boolean finished;

  public JsonBatchDecoder(
      InputStream body,
      String contentType,
      RecordLayout layout,
      List<ColumnBinding> columns,
      Set<String> capturePointers,
      BufferAllocator allocator,
      int batchSize) {
    this(body, contentType, layout, columns, capturePointers, allocator, batchSize, BodyStart.ZERO);
  }

  /**
   * A decoder of a part of a body that starts at {@code start}: its errors name bytes and records
   * of the whole body.
   */
  JsonBatchDecoder(
      InputStream body,
      String contentType,
      RecordLayout layout,
      List<ColumnBinding> columns,
      Set<String> capturePointers,
      BufferAllocator allocator,
      int batchSize,
      BodyStart start) {
    Objects.requireNonNull(body, "body is null");
    Objects.requireNonNull(allocator, "allocator is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    this.body = new CountingInputStream(body);
    this.source = body;
    this.contentType = contentType;
    this.layout = Objects.requireNonNull(layout, "layout is null");
    this.capturePointers = Set.copyOf(Objects.requireNonNull(capturePointers, "capturePointers"));
    for (String pointer : this.capturePointers) {
      JsonPointers.parse(pointer);
    }
    this.batchSize = batchSize;
    this.start = Objects.requireNonNull(start, "start is null");
    this.records = start.recordIndex();
    this.elements = layout.exploded() ? new ElementRows(layout.elements()) : null;
    List<FieldVector> vectors = new ArrayList<>(columns.size());
    try {
      for (ColumnBinding column : columns) {
        vectors.add(column.column().toField().createVector(allocator));
      }
      this.reader = new RecordReader(List.copyOf(columns), vectors);
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    this.root = new VectorSchemaRoot(vectors);
  }

  /**
   * The next batch (owned by the decoder, reused between calls; columns in the order of the
   * bindings), or null at the end of the body.
   *
   * @throws JsonDecodeException when the body is malformed, cut off, misshapen, or holds a value
   *     that does not fit its column
   */
  @Override
  public VectorSchemaRoot next() throws IOException {
    if (finished) {
      return null;
    }
    if (parser == null) {
      parser = source instanceof BodyBytes bytes ? bytes.parserIfWellFormed() : null;
      if (parser == null) {
        parser = JsonFactories.FACTORY.createParser(new Utf8CheckedStream(body));
      }
      locator = new RecordLocator(parser, layout, contentType, capturePointers, start);
    }
    if (toSkip > 0) {
      skip();
    }
    reader.startBatch(batchSize);
    int row = 0;
    boolean inRecord = false;
    try {
      if (elements != null) {
        row = readElements();
      } else {
        while (row < batchSize && locator.next()) {
          inRecord = true;
          reader.read(parser, row);
          inRecord = false;
          row++;
          records++;
        }
      }
    } catch (StreamReadException e) {
      finished = true;
      throw DecodeErrors.malformed(parser, e, inRecord ? records : -1, records, start.byteOffset());
    } catch (Utf8CheckedStream.InvalidUtf8 e) {
      finished = true;
      throw DecodeErrors.invalidUtf8(e, inRecord ? records : -1, records, start.byteOffset());
    } catch (StreamConstraintsException e) {
      finished = true;
      throw DecodeErrors.overLimit(parser, e, inRecord ? records : -1, records, start.byteOffset());
    } catch (ValueMismatch e) {
      finished = true;
      throw DecodeErrors.mismatch(parser, e, reader.currentColumn(), records, start.byteOffset());
    } catch (JsonDecodeException e) {
      finished = true;
      throw e;
    }
    if (row == 0) {
      finished = true;
      return null;
    }
    root.setRowCount(row);
    return root;
  }

  /** A child table's batch: the rows of the elements of each record's array. */
  private int readElements() throws IOException, ValueMismatch {
    int row = 0;
    while (row < batchSize) {
      if (elements.hasNext()) {
        elements.read(reader, row++);
      } else if (locator.next()) {
        loadElements();
      } else {
        break;
      }
    }
    return row;
  }

  private void loadElements() throws IOException {
    String problem = elements.load(parser);
    records++;
    if (problem != null) {
      throw DecodeErrors.shape(parser, problem, records - 1, records - 1, start.byteOffset());
    }
  }

  /**
   * Skips the first {@code count} records of the body unread: a page fetched again after its body
   * broke resumes after the records already delivered. Call before the first {@link #next()}.
   */
  public void skipRecords(long count) {
    if (parser != null) {
      throw new IllegalStateException("skipRecords must come before the first batch");
    }
    toSkip = count;
  }

  private void skip() throws IOException {
    try {
      // A child table's count is of rows delivered: elements, not records.
      while (elements != null && toSkip > 0) {
        if (elements.hasNext()) {
          elements.skip();
          toSkip--;
        } else if (locator.next()) {
          loadElements();
        } else {
          break;
        }
      }
      while (elements == null && toSkip > 0 && locator.next()) {
        parser.skipChildren();
        toSkip--;
        records++;
      }
    } catch (StreamReadException e) {
      finished = true;
      throw DecodeErrors.malformed(parser, e, -1, records, start.byteOffset());
    } catch (Utf8CheckedStream.InvalidUtf8 e) {
      finished = true;
      throw DecodeErrors.invalidUtf8(e, -1, records, start.byteOffset());
    } catch (StreamConstraintsException e) {
      finished = true;
      throw DecodeErrors.overLimit(parser, e, -1, records, start.byteOffset());
    }
    toSkip = 0;
  }

  /** Records decoded (or skipped) so far. */
  @Override
  public long recordCount() {
    return records - start.recordIndex();
  }

  /**
   * Values at the capture pointers (absolute JSON Pointers outside the records), complete once
   * {@link #next()} returned null; a pointer with no value is absent.
   */
  @Override
  public Map<String, JsonNode> captured() {
    return locator == null ? Map.of() : Map.copyOf(locator.captured());
  }

  /**
   * The byte of the body just after the last record read, when the body is NDJSON and the decoder
   * is between two records; -1 otherwise. The rest of the body can be decoded from there on.
   */
  long resumableAt() {
    if (locator == null || finished || !locator.betweenLines()) {
      return -1;
    }
    return start.byteOffset() + parser.currentLocation().getByteOffset();
  }

  /** Body bytes consumed so far (the parser reads ahead in blocks of a few kilobytes). */
  public long bytesRead() {
    return body.count();
  }

  /** Frees the vectors and closes the body. */
  @Override
  public void close() {
    root.close();
    try {
      if (parser != null) {
        parser.close();
      } else {
        body.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
