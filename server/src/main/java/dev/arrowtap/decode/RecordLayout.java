package dev.arrowtap.decode;

import java.util.Objects;

/** Where the records are in a response body. */
public record RecordLayout(Format format, String pointer) {
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
    JsonPointers.parse(pointer);
  }
}
