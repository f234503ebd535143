package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson factory and mapper shared by every decoder: both are thread-safe once built. */
final class JsonFactories {
  /** Fast number parsing, which roughly halves the cost of DOUBLE columns, and large reads. */
  /**
   * What one body may hold at most (Jackson's defaults, written out so that the documented limits
   * cannot move with a Jackson upgrade): 1,000 levels of nesting, keys of 50,000 characters,
   * strings of 20,000,000 characters, numbers of 1,000 digits. Past them a body is bad data
   * (22P02): they stop a hostile body from exhausting the stack or the heap.
   */
  static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(1_000)
          .maxNameLength(50_000)
          .maxStringLength(20_000_000)
          .maxNumberLength(1_000)
          .build();

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(LIMITS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
          // NaN and Infinity as bare tokens: not JSON, but what Python's json module writes.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .recyclerPool(new ReadBufferPool())
          .build();

  /** Reads the small captured values outside the records into trees. */
  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private JsonFactories() {}
}
