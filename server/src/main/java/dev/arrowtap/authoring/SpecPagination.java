package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises how an operation pages from its query parameters, its response's fields and its
 * response headers: Link header, cursor and next-cursor field, next URL field, offset/limit,
 * page/per_page, and a total field.
 *
 * @param settings the table's {@code pagination} keys; empty for one request
 * @param consumed the query parameters pagination sends itself
 * @param query fixed query parameters to add (the page size of a Link-header feed)
 * @param notes comments for the catalog: what was recognised, and what is a guess
 * @param unknown why the pages cannot be followed, or null when they can
 */
record SpecPagination(
    Map<String, Object> settings,
    Set<String> consumed,
    Map<String, String> query,
    List<String> notes,
    String unknown) {
  private static final Set<String> SIZE_PARAMS =
      Set.of(
          "per_page", "perpage", "page_size", "pagesize", "limit", "size", "count", "max_results");
  private static final Set<String> CURSOR_PARAMS =
      Set.of(
          "cursor",
          "page_token",
          "pagetoken",
          "next_token",
          "nexttoken",
          "after",
          "continuation",
          "continuation_token",
          "page",
          "next",
          "marker");
  private static final Set<String> NEXT_URL_FIELDS =
      Set.of("next", "next_url", "nexturl", "next_link", "nextlink", "next_page_url", "href");
  private static final Set<String> TOTAL_FIELDS =
      Set.of("total", "total_count", "totalcount", "total_results", "totalresults", "count");
  private static final Set<String> LAST_ID_PARAMS =
      Set.of("starting_after", "ending_before", "since_id", "after_id", "max_id");

  /**
   * @param params the operation's query parameters, by name, with their resolved schemas
   * @param envelope the response's object schema around the records; null for a top-level array
   * @param headers the response headers the description names
   */
  static SpecPagination recognise(
      Map<String, JsonNode> params, JsonNode envelope, Set<String> headers, SchemaResolver r) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String name : params.keySet()) {
      byKey.put(normal(name), name);
    }
    String size = first(byKey, SIZE_PARAMS);
    Map<String, Object> settings = new LinkedHashMap<>();
    Set<String> consumed = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, String> fields = envelope == null ? Map.of() : fields(envelope, "", r, 0);

    if (headers.stream().anyMatch(h -> h.equalsIgnoreCase("link"))) {
      settings.put("style", "link_header");
      notes.add("pages: the Link header the description names for the response");
      if (size != null) {
        query.put(size, String.valueOf(pageSize(params.get(size))));
        consumed.add(size);
      }
      consumed.add(byKey.getOrDefault("page", "page"));
      return new SpecPagination(settings, consumed, query, notes, null);
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String key = normal(lastStep(field.getKey()));
      String type = field.getValue();
      for (String cursor : CURSOR_PARAMS) {
        String param = byKey.get(cursor);
        if (param == null || !type.equals("string") || !isNextOf(key, cursor)) {
          continue;
        }
        settings.put("style", "cursor");
        settings.put("cursor_param", param);
        settings.put("cursor_pointer", field.getKey());
        consumed.add(param);
        sized(settings, consumed, size, params, "size_param");
        notes.add(
            "pages: cursor parameter "
                + param
                + " takes the response's "
                + field.getKey().substring(1)
                + " (a guess from their names)");
        return new SpecPagination(settings, consumed, query, notes, null);
      }
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String key = normal(lastStep(field.getKey()));
      boolean inLinks = field.getKey().matches("(?i)/(_?links|paging|pagination|meta)/.*");
      if (field.getValue().equals("string")
          && NEXT_URL_FIELDS.contains(key)
          && (!key.equals("href") || field.getKey().toLowerCase(Locale.ROOT).contains("next"))
          && (!key.equals("next") || inLinks || field.getKey().equals("/next"))) {
        settings.put("style", "next_url");
        settings.put("next_pointer", field.getKey());
        sized(settings, consumed, size, params, null);
        if (size != null) {
          query.put(size, String.valueOf(pageSize(params.get(size))));
        }
        notes.add("pages: the next page's URL in " + field.getKey().substring(1) + " (a guess)");
        return new SpecPagination(settings, consumed, query, notes, null);
      }
    }
    String offset = first(byKey, Set.of("offset", "skip", "start"));
    String page = first(byKey, Set.of("page", "page_number", "pagenumber"));
    String total = total(fields);
    if (offset != null && size != null) {
      settings.put("style", "offset");
      settings.put("offset_param", offset);
      settings.put("limit_param", size);
      settings.put("page_size", pageSize(params.get(size)));
      consumed.add(offset);
      consumed.add(size);
      withTotal(settings, total);
      notes.add("pages: offset " + offset + " and limit " + size + " (a guess from their names)");
      return new SpecPagination(settings, consumed, query, notes, null);
    }
    if (page != null && isInteger(params.get(page))) {
      settings.put("style", "page");
      settings.put("page_param", page);
      settings.put("size_param", size == null ? "" : size);
      if (size != null) {
        settings.put("page_size", pageSize(params.get(size)));
        consumed.add(size);
      }
      consumed.add(page);
      withTotal(settings, total);
      notes.add(
          "pages: page number "
              + page
              + (size == null ? "" : " and size " + size)
              + " (a guess from their names)");
      return new SpecPagination(settings, consumed, query, notes, null);
    }
    String lastId = first(byKey, LAST_ID_PARAMS);
    if (lastId != null) {
      return unknown(
          "pages by the last record's id (parameter "
              + lastId
              + "), which arrowtap cannot follow: no response field holds the next cursor");
    }
    List<String> signs = new ArrayList<>();
    for (String param : params.keySet()) {
      String key = normal(param);
      if (SIZE_PARAMS.contains(key) || CURSOR_PARAMS.contains(key) || key.equals("offset")) {
        signs.add("parameter " + param);
      }
    }
    for (String field : fields.keySet()) {
      String key = normal(lastStep(field));
      if (key.equals("has_more") || key.equals("hasmore") || key.startsWith("next")) {
        signs.add("response field " + field.substring(1));
      }
    }
    for (String header : headers) {
      if (header.toLowerCase(Locale.ROOT).contains("next")) {
        signs.add("response header " + header);
      }
    }
    if (!signs.isEmpty()) {
      return unknown(
          "the response looks paged ("
              + String.join(", ", signs)
              + ") but how to ask for the next page could not be told");
    }
    return new SpecPagination(settings, consumed, query, notes, null);
  }

  private static SpecPagination unknown(String why) {
    return new SpecPagination(
        Map.of("style", "unknown"),
        Set.of(),
        Map.of(),
        List.of(why + ": set pagination.style (see the catalog reference)"),
        why);
  }

  private static void sized(
      Map<String, Object> settings,
      Set<String> consumed,
      String size,
      Map<String, JsonNode> params,
      String key) {
    if (size != null && key != null) {
      settings.put(key, size);
      settings.put("page_size", pageSize(params.get(size)));
      consumed.add(size);
    } else if (size != null) {
      consumed.add(size);
    }
  }

  private static void withTotal(Map<String, Object> settings, String total) {
    if (total != null) {
      settings.put("total_pointer", total);
    }
  }

  private static String total(Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getValue().equals("integer")
          && TOTAL_FIELDS.contains(normal(lastStep(field.getKey())))) {
        return field.getKey();
      }
    }
    return null;
  }

  /** {@code next_cursor} for {@code cursor}, {@code nextPageToken} for {@code pageToken}. */
  private static boolean isNextOf(String field, String param) {
    String f = field.replace("_", "");
    String p = param.replace("_", "");
    return f.equals("next" + p)
        || (p.equals("page") && f.equals("nextpage"))
        || (p.equals("after") && (f.equals("endcursor") || f.equals("after")))
        || (p.equals("marker") && f.equals("nextmarker"))
        || (p.equals("next") && f.equals("next"));
  }

  /** The page size to ask for: the parameter's maximum, else its default, else 100. */
  static int pageSize(JsonNode schema) {
    if (schema != null && schema.path("maximum").canConvertToInt()) {
      return Math.max(1, Math.min(schema.path("maximum").asInt(), 1_000_000));
    }
    if (schema != null && schema.path("default").canConvertToInt()) {
      return Math.max(1, schema.path("default").asInt());
    }
    return 100;
  }

  private static boolean isInteger(JsonNode schema) {
    String type = schema == null ? "" : SchemaResolver.type(schema);
    return type.equals("integer") || type.equals("number");
  }

  /** Scalar fields of the envelope (two levels deep), by pointer, with their JSON types. */
  private static Map<String, String> fields(
      JsonNode schema, String prefix, SchemaResolver r, int depth) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (var it = schema.path("properties").fields(); it.hasNext(); ) {
      var entry = it.next();
      String pointer = prefix + "/" + entry.getKey();
      JsonNode resolved;
      try {
        resolved = r.resolve(entry.getValue(), "response" + pointer);
      } catch (AuthoringException e) {
        continue;
      }
      String type = SchemaResolver.type(resolved);
      if (type.equals("object") && depth < 2) {
        fields.putAll(fields(resolved, pointer, r, depth + 1));
      } else if (!type.equals("array")) {
        fields.put(pointer, type);
      }
    }
    return fields;
  }

  private static String first(Map<String, String> byKey, Set<String> keys) {
    for (Map.Entry<String, String> entry : byKey.entrySet()) {
      if (keys.contains(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String lastStep(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
