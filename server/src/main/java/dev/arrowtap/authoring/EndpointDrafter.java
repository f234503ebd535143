package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arrowtap catalog draft}: one page of a live endpoint (a second one only to confirm a
 * guessed pagination) to a catalog holding one table, with a comment on every guess.
 */
final class EndpointDrafter {
  private static final Pattern NEXT_LINK =
      Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET_HEADER =
      Pattern.compile("(?i).*(auth|token|key|secret|cookie|session|password|signature).*");
  private static final Set<String> PAGE_PARAMS = Set.of("page", "page_number", "pagenumber", "p");
  private static final Set<String> OFFSET_PARAMS = Set.of("offset", "skip", "start");
  private static final Set<String> SIZE_PARAMS =
      Set.of("per_page", "perpage", "page_size", "pagesize", "limit", "size", "count");
  private static final Set<String> TOTAL_FIELDS =
      Set.of("total", "total_count", "totalcount", "count", "total_results", "totalresults");
  private static final Set<String> PAGE_FIELDS = Set.of("page", "current_page", "currentpage");

  /** SQL words a table name would need quotes for. */
  private static final Set<String> RESERVED =
      Set.of(
          "search",
          "user",
          "order",
          "group",
          "select",
          "table",
          "values",
          "value",
          "year",
          "month",
          "day",
          "time",
          "date",
          "timestamp",
          "row",
          "rows",
          "range",
          "position",
          "result",
          "current",
          "system",
          "window",
          "match",
          "first",
          "last",
          "end",
          "start");

  private final URI url;
  private final Map<String, String> headers;
  private final String schemaName;
  private final String tableName;
  private final boolean childTables;
  private final PageFetcher fetcher;

  EndpointDrafter(
      String url,
      List<String> headerArgs,
      Optional<String> schema,
      Optional<String> table,
      boolean childTables) {
    try {
      this.url = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new AuthoringException("not a valid URL: " + url + " (" + e.getMessage() + ")", e);
    }
    if (this.url.getScheme() == null
        || !this.url.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
        || this.url.getHost() == null) {
      throw new AuthoringException("expected an http:// or https:// URL with a host, got " + url);
    }
    this.headers = new LinkedHashMap<>();
    for (String header : headerArgs) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new AuthoringException("--header: expected 'Name: value', got '" + header + "'");
      }
      headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    this.schemaName = schema.orElseGet(this::defaultSchema);
    this.tableName = table.orElseGet(this::defaultTable);
    this.childTables = childTables;
    this.fetcher = new PageFetcher(headers);
  }

  String catalog() {
    PageFetcher.Page first = fetcher.get(url);
    if (first.status() / 100 != 2) {
      throw new AuthoringException(
          redacted(url)
              + " answered HTTP "
              + first.status()
              + (first.status() == 401 || first.status() == 403
                  ? " (pass the API's credentials with --header 'Authorization: ...')"
                  : ""));
    }
    PageRecords records = PageRecords.find(first);
    if (records.records().isEmpty()) {
      throw new AuthoringException(
          redacted(url) + ": the page holds no records to infer columns from");
    }
    List<String> notes = new ArrayList<>(records.notes());
    Map<String, String> query = query(url);
    DraftPaging paging = paging(first, records, query, notes);

    Map<String, Object> table = new LinkedHashMap<>();
    table.put("name", tableName);
    Map<String, String> fixed = new LinkedHashMap<>(paging.query);
    for (String name : query.keySet()) {
      if (SECRET_HEADER.matcher(name).matches()) {
        String env = envName(name);
        paging.consumed.add(name);
        fixed.put(name, "${env:" + env + "}");
        notes.add("query parameter " + name + ": set " + env + " to the value you passed");
      }
    }
    table.put("url", urlWithout(paging.consumed));
    if (!fixed.isEmpty()) {
      table.put("query", fixed);
    }
    Map<String, String> plainHeaders = new LinkedHashMap<>();
    Object auth = null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      String env = envName(name);
      if (name.equalsIgnoreCase("Authorization")
          && header.getValue().regionMatches(true, 0, "Bearer ", 0, 7)) {
        Map<String, Object> bearer = new LinkedHashMap<>();
        bearer.put("type", "bearer");
        bearer.put("token", "${env:" + schemaName.toUpperCase(Locale.ROOT) + "_TOKEN}");
        auth =
            Commented.of(
                bearer,
                "set " + schemaName.toUpperCase(Locale.ROOT) + "_TOKEN to the token you passed");
      } else if (SECRET_HEADER.matcher(name).matches()) {
        plainHeaders.put(name, "${env:" + env + "}");
        notes.add("header " + name + ": set " + env + " to the value you passed");
      } else {
        plainHeaders.put(name, header.getValue());
      }
    }
    if (!plainHeaders.isEmpty()) {
      table.put("headers", plainHeaders);
    }
    if (auth != null) {
      table.put("auth", auth);
    }
    if (!records.format().equals("array") || !records.pointer().isEmpty()) {
      Map<String, Object> layout = new LinkedHashMap<>();
      if (!records.format().equals("array")) {
        layout.put("format", records.format());
      }
      if (!records.pointer().isEmpty()) {
        layout.put("pointer", records.pointer());
      }
      table.put("records", layout);
    }
    if (!paging.settings.isEmpty()) {
      table.put("pagination", new Commented(paging.settings, paging.notes));
    }
    SchemaColumns.Result columns = SampleColumns.of(records.records(), childTables);
    List<Object> entries = new ArrayList<>();
    columns.columns().forEach(column -> entries.add(column.entry()));
    table.put(
        "columns",
        new Commented(
            entries,
            List.of(
                "inferred from the "
                    + records.records().size()
                    + " records of the first page: check the types")));
    if (!columns.children().isEmpty()) {
      table.put("children", ChildTables.entries(columns.children(), columns.columns()));
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", schemaName);
    schema.put("tables", List.of(notes.isEmpty() ? table : new Commented(table, notes)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("version", 1);
    document.put("schemas", List.of(schema));
    return CatalogYaml.write(
        List.of(
            "Drafted by arrowtap catalog draft from "
                + redacted(url)
                + " ("
                + fetcher.requests()
                + (fetcher.requests() == 1 ? " request)" : " requests)"),
            "Lines starting with # say what was guessed."),
        document);
  }

  private String envName(String name) {
    return (schemaName + "_" + name).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  /** What the draft found about pages. */
  private static final class DraftPaging {
    final Map<String, Object> settings = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final Set<String> consumed = new java.util.HashSet<>();
    final Map<String, String> query = new LinkedHashMap<>();
  }

  private DraftPaging paging(
      PageFetcher.Page first, PageRecords records, Map<String, String> query, List<String> notes) {
    DraftPaging paging = new DraftPaging();
    Optional<String> link = first.link().flatMap(EndpointDrafter::nextLink);
    if (link.isPresent()) {
      paging.settings.put("style", "link_header");
      paging.notes.add("pages: the response's Link header names the next page");
      return paging;
    }
    Map<String, JsonNode> fields =
        records.envelope() == null ? Map.of() : scalars(records.envelope(), "", 0);
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      String key = last(field.getKey());
      String value = field.getValue().asText("");
      if (field.getValue().isTextual()
          && key.contains("next")
          && (value.matches("(?i)https?://.*") || value.startsWith("/") || value.startsWith("?"))) {
        paging.settings.put("style", "next_url");
        paging.settings.put("next_pointer", field.getKey());
        paging.notes.add(
            "pages: the body's " + field.getKey().substring(1) + " holds the next page's URL");
        return paging;
      }
    }
    String total = null;
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      if (field.getValue().isIntegralNumber() && TOTAL_FIELDS.contains(last(field.getKey()))) {
        total = field.getKey();
        break;
      }
    }
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      String key = last(field.getKey()).replace("_", "");
      if (field.getValue().isTextual()
          && !field.getValue().asText().isEmpty()
          && (key.startsWith("next") || key.equals("cursor") || key.equals("endcursor"))) {
        String param = cursorParam(key, last(field.getKey()));
        return confirmCursor(paging, records, param, field.getKey(), field.getValue().asText());
      }
    }
    String pageParam = firstKey(query, PAGE_PARAMS);
    String offsetParam = firstKey(query, OFFSET_PARAMS);
    String sizeParam = firstKey(query, SIZE_PARAMS);
    boolean pageInBody = fields.keySet().stream().anyMatch(f -> PAGE_FIELDS.contains(last(f)));
    if (offsetParam != null || pageParam != null || pageInBody) {
      return confirmNumbered(paging, records, query, offsetParam, pageParam, sizeParam, total);
    }
    boolean hasMore =
        fields.keySet().stream().anyMatch(f -> last(f).replace("_", "").equals("hasmore"));
    if (hasMore) {
      paging.settings.put("style", "unknown");
      paging.notes.add(
          "the body says has_more but names no next cursor or URL: how to ask for the next"
              + " page could not be told; set pagination.style");
      return paging;
    }
    if (Set.of(10, 20, 25, 30, 50, 100, 200, 250, 500, 1000).contains(records.records().size())) {
      notes.add(
          "no sign of pages in the first page, but it holds exactly "
              + records.records().size()
              + " records, which may be a page size: if the API pages, set pagination");
    }
    return paging;
  }

  private DraftPaging confirmCursor(
      DraftPaging paging, PageRecords records, String param, String pointer, String cursor) {
    paging.settings.put("style", "cursor");
    paging.settings.put("cursor_param", param);
    paging.settings.put("cursor_pointer", pointer);
    paging.consumed.add(param);
    Map<String, String> next = new LinkedHashMap<>(query(url));
    next.put(param, cursor);
    Optional<PageRecords> second = second(withQuery(next));
    if (second.isPresent() && differs(records, second.get())) {
      paging.notes.add(
          "pages: cursor "
              + param
              + " takes the body's "
              + pointer.substring(1)
              + " (the parameter's name is a guess; a second request with it gave other records)");
    } else {
      paging.settings.put("style", "unknown");
      paging.notes.add(
          "the body's "
              + pointer.substring(1)
              + " looks like a cursor, but ?"
              + param
              + "= did not give another page: set cursor_param and style: cursor");
    }
    return paging;
  }

  private DraftPaging confirmNumbered(
      DraftPaging paging,
      PageRecords records,
      Map<String, String> query,
      String offsetParam,
      String pageParam,
      String sizeParam,
      String total) {
    int count = records.records().size();
    int size =
        sizeParam != null && query.get(sizeParam).matches("\\d{1,7}")
            ? Integer.parseInt(query.get(sizeParam))
            : count;
    Map<String, String> next = new LinkedHashMap<>(query);
    if (offsetParam != null) {
      long offset =
          query.get(offsetParam).matches("\\d{1,15}") ? Long.parseLong(query.get(offsetParam)) : 0;
      paging.settings.put("style", "offset");
      paging.settings.put("offset_param", offsetParam);
      paging.settings.put("limit_param", sizeParam == null ? "" : sizeParam);
      paging.settings.put("page_size", Math.max(1, size));
      paging.consumed.add(offsetParam);
      next.put(offsetParam, String.valueOf(offset + count));
    } else {
      String param = pageParam == null ? "page" : pageParam;
      long page =
          pageParam != null && query.get(pageParam).matches("\\d{1,9}")
              ? Long.parseLong(query.get(pageParam))
              : 1;
      paging.settings.put("style", "page");
      paging.settings.put("page_param", param);
      paging.settings.put("size_param", sizeParam == null ? "" : sizeParam);
      paging.settings.put("page_size", Math.max(1, size));
      paging.consumed.add(param);
      next.put(param, String.valueOf(page + 1));
    }
    if (sizeParam != null) {
      paging.consumed.add(sizeParam);
    }
    if (total != null) {
      paging.settings.put("total_pointer", total);
    }
    Optional<PageRecords> second = second(withQuery(next));
    String style = (String) paging.settings.get("style");
    if (second.isPresent()
        && (second.get().records().isEmpty() || differs(records, second.get()))) {
      paging.notes.add(
          "pages: "
              + style
              + " numbers (a guess from "
              + (pageParam != null || offsetParam != null
                  ? "the URL's parameters"
                  : "the body's page field")
              + "; a second request gave "
              + (second.get().records().isEmpty() ? "an empty page" : "other records")
              + ")");
    } else {
      paging.settings.put("style", "unknown");
      paging.notes.add(
          "looks paged by "
              + style
              + ", but the second page "
              + (second.isPresent() ? "repeated the first page's records" : "could not be read")
              + ": set pagination.style");
    }
    return paging;
  }

  private Optional<PageRecords> second(URI uri) {
    PageFetcher.Page page = fetcher.get(uri);
    if (page.status() / 100 != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(PageRecords.find(page));
    } catch (AuthoringException e) {
      return Optional.empty();
    }
  }

  private static boolean differs(PageRecords first, PageRecords second) {
    return !second.records().isEmpty() && !second.records().get(0).equals(first.records().get(0));
  }

  private static Optional<String> nextLink(String header) {
    Matcher matcher = NEXT_LINK.matcher(header);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code next_cursor} asks with {@code cursor}, {@code nextPageToken} with {@code pageToken}. */
  private static String cursorParam(String key, String field) {
    if (key.equals("endcursor")) {
      return "after";
    }
    if (key.equals("cursor") || !key.startsWith("next") || key.length() == 4) {
      return "cursor";
    }
    String rest = field.replaceFirst("(?i)^next_?", "");
    return rest.isEmpty() ? "cursor" : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  /** Scalar fields of the envelope (outside the records), two levels deep, by pointer. */
  private static Map<String, JsonNode> scalars(JsonNode node, String prefix, int depth) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String pointer = prefix + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
      JsonNode value = entry.getValue();
      if (value.isObject() && depth < 2) {
        found.putAll(scalars(value, pointer, depth + 1));
      } else if (value.isValueNode()) {
        found.put(pointer, value);
      }
    }
    return found;
  }

  private static String last(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private static String firstKey(Map<String, String> query, Set<String> names) {
    for (String key : query.keySet()) {
      if (names.contains(key.toLowerCase(Locale.ROOT))) {
        return key;
      }
    }
    return null;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      query.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private URI withQuery(Map<String, String> query) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : query.entrySet()) {
      text.append(text.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
    }
    String base = url.toString();
    int q = base.indexOf('?');
    return URI.create(
        (q < 0 ? base : base.substring(0, q)) + (text.length() == 0 ? "" : "?" + text));
  }

  /** The URL without the query parameters that pagination sends itself. */
  private String urlWithout(Set<String> consumed) {
    Map<String, String> kept = new LinkedHashMap<>(query(url));
    kept.keySet().removeAll(consumed);
    return withQuery(kept).toString();
  }

  private String defaultSchema() {
    String[] labels = url.getHost().toLowerCase(Locale.ROOT).split("\\.", -1);
    if (labels.length >= 2 && !url.getHost().matches("[0-9.]+")) {
      return OpenApiImporter.identifier(labels[labels.length - 2]);
    }
    return "api";
  }

  private String defaultTable() {
    String last = "";
    for (String segment : url.getPath().split("/", -1)) {
      if (!segment.isEmpty() && !segment.matches("[0-9]+|v[0-9]+")) {
        last = segment.replaceFirst("\\.(json|ndjson|jsonl)$", "");
      }
    }
    String name = last.isEmpty() ? "records" : OpenApiImporter.identifier(last);
    return RESERVED.contains(name) ? name + "_records" : name;
  }

  /** The URL as shown in output: its query values that look secret replaced. */
  private static String redacted(URI uri) {
    return uri.toString()
        .replaceAll("(?i)((?:api_?key|token|secret|key|access_token|password)=)[^&]*", "$1***");
  }
}
