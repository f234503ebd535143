package dev.arrowtap.decode;

import java.util.Objects;

/**
 * Where the records are in a response body.
 *
 * @param elements for a child table: the JSON Pointer, inside each record, of the array whose
 *     elements are the rows (each row sees {@code /p} the record, {@code /i} the element's index
 *     and {@code /e} the element); empty for one row per record
 */
public record RecordLayout(Format format, String pointer, String elements) {
  /** How the records are laid out; {@code AUTO} looks at the content type and first bytes. */
  public enum Format {
    AUTO,
    ARRAY,
    NDJSON,
    OBJECT
  }

  /** Detect the layout from the body, with records at the top level. */
  public static final RecordLayout AUTO = new RecordLayout(Format.AUTO, "");

  public RecordLayout {
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(pointer, "pointer is null");
    Objects.requireNonNull(elements, "elements is null");
    JsonPointers.parse(pointer);
    JsonPointers.parse(elements);
  }

  /** One row per record. */
  public RecordLayout(Format format, String pointer) {
    this(format, pointer, "");
  }

  /** This layout, with a row per element of the array at {@code elements} in each record. */
  public RecordLayout withElements(String elementsPointer) {
    return new RecordLayout(format, pointer, elementsPointer);
  }

  /** Whether rows are the elements of an array inside each record (a child table). */
  public boolean exploded() {
    return !elements.isEmpty();
  }
}
