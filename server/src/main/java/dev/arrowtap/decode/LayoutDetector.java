package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the layout of a body with {@code format: auto} from its content type and its first token.
 * The first token is all it needs: an object at the top with no pointer is read as a sequence of
 * root values, which yields one row for a single object and a row per line for NDJSON, so no
 * look-ahead past the first record is needed.
 */
final class LayoutDetector {
  private static final Set<String> NDJSON_TYPES =
      Set.of(
          "application/x-ndjson", "application/jsonl", "application/ndjson", "application/x-jsonl");

  private LayoutDetector() {}

  /** The concrete layout; never {@code AUTO}. */
  static RecordLayout resolve(RecordLayout layout, String contentType, JsonToken first) {
    if (layout.format() != RecordLayout.Format.AUTO) {
      return layout;
    }
    if (isNdjson(contentType)) {
      return new RecordLayout(RecordLayout.Format.NDJSON, "");
    }
    if (first == JsonToken.START_ARRAY) {
      return new RecordLayout(RecordLayout.Format.ARRAY, "");
    }
    if (first == JsonToken.START_OBJECT && !layout.pointer().isEmpty()) {
      return new RecordLayout(RecordLayout.Format.ARRAY, layout.pointer());
    }
    return new RecordLayout(RecordLayout.Format.NDJSON, "");
  }

  static boolean isNdjson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return NDJSON_TYPES.contains(mediaType.trim().toLowerCase(Locale.ROOT));
  }
}
