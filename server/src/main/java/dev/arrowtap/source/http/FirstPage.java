package dev.arrowtap.source.http;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

/**
 * A feed's first page as inference read it, whole, so that the scan planned with the inferred
 * columns decodes it instead of requesting it again.
 */
// The body is handed over once and never compared, so an array component is fine here.
@SuppressWarnings("ArrayRecordComponent")
record FirstPage(PageRequest request, int status, Map<String, List<String>> headers, byte[] body) {
  FirstPage {
    headers = Map.copyOf(headers);
  }

  /** The page as a response whose body is read from memory. */
  PageResponse toResponse() {
    return new PageResponse(
        request.uri(), status, headers, new ByteArrayInputStream(body), () -> {}, () -> {});
  }
}
