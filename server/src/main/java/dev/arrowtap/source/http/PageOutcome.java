package dev.arrowtap.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What one page told us, for deciding the next request.
 *
 * @param records records on this page
 * @param recordsSoFar records on all pages so far, this one included
 * @param captured values found at the paginator's capture pointers
 * @param links the page's {@code Link} headers
 */
record PageOutcome(
    PageRequest request,
    long records,
    long recordsSoFar,
    Map<String, JsonNode> captured,
    List<String> links) {}
