package dev.arrowtap.decode;

import java.util.Objects;

/** Where the records are in a response body. */
public record RecordLayout(Format format, String pointer) {
  /** The shapes a body can take. */
  public enum Format {
    AUTO,
    ARRAY,
    NDJSON,
    OBJECT
  }

  public static final RecordLayout AUTO = new RecordLayout(Format.AUTO, "");

  public RecordLayout {
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(pointer, "pointer is null");
  }
}
