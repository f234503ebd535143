package dev.arrowtap.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arrowtap.catalog.PaginationDef.Style;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads and validates a catalog file (YAML, or JSON which is YAML too). */
public final class CatalogLoader {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private final Function<String, String> environment;

  public CatalogLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Loads with the process environment. */
  public static Catalog load(Path file) {
    return new CatalogLoader(System::getenv).loadFile(file);
  }

  public Catalog loadFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException(
          "cannot read catalog file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base == null ? Path.of(".") : base, Optional.of(file));
  }

  public Catalog parse(String text, String fileName, Path baseDirectory, Optional<Path> source) {
    JsonNode root;
    LocationIndex locations;
    try (JsonParser parser = YAML.createParser(text)) {
      locations = LocationIndex.read(parser);
      root = MAPPER.readTree(text);
    } catch (LocationIndex.DuplicateKeyException e) {
      throw new CatalogException(
          fileName
              + " line "
              + e.line
              + ", key '"
              + e.path
              + "': written twice in one mapping; keep one",
          e);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new CatalogException(
          fileName + " line " + line + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CatalogException(fileName + ": cannot parse: " + e.getMessage(), e);
    }
    SecretResolver secrets = new SecretResolver(environment, baseDirectory);
    NodeReader.Context context = new NodeReader.Context(fileName, locations, secrets);
    if (root == null || !root.isObject()) {
      throw new NodeReader(MAPPER.createObjectNode(), "", context)
          .error(null, "expected a map with 'schemas' at the top");
    }
    NodeReader top = new NodeReader(root, "", context);
    top.allowOnly("version", "read_json", "schemas");
    top.integer("version", 1, 1, 1);
    Optional<HostAllowlist> hosts = Optional.empty();
    if (top.has("read_json")) {
      NodeReader readJson = top.object("read_json");
      readJson.allowOnly("allow_hosts");
      try {
        hosts = Optional.of(new HostAllowlist(readJson.strings("allow_hosts")));
      } catch (IllegalArgumentException e) {
        throw readJson.error("allow_hosts", e.getMessage());
      }
    }
    List<RawFeed> raw = new ArrayList<>();
    Map<String, List<NodeReader>> schemaTables = new LinkedHashMap<>();
    Set<String> schemaNames = new HashSet<>();
    for (NodeReader schema : top.list("schemas", true)) {
      schema.allowOnly("name", "tables", "description");
      String name = identifier(schema, "name");
      if (!schemaNames.add(name.toLowerCase(Locale.ROOT))) {
        throw schema.error(
            "name", "schema '" + name + "' is declared twice (names are case-insensitive)");
      }
      Set<String> tableNames = new HashSet<>();
      for (NodeReader table : schema.list("tables", true)) {
        String tableName = identifier(table, "name");
        if (!tableNames.add(tableName.toLowerCase(Locale.ROOT))) {
          throw table.error(
              "name",
              "table '"
                  + tableName
                  + "' is declared twice in schema "
                  + name
                  + " (names are case-insensitive)");
        }
        raw.add(new RawFeed(name, table));
      }
      schemaTables.put(name, List.of());
    }
    // Secrets are known only once every value is resolved; feeds are finished after that.
    List<FeedDef.Builder> drafts = new ArrayList<>();
    List<List<ChildTableDef>> children = new ArrayList<>();
    for (RawFeed feed : raw) {
      drafts.add(withOrigin(feed.table, () -> feed(feed.schema, feed.table)));
      children.add(withOrigin(feed.table, () -> ChildTables.read(feed.table)));
    }
    Secrets allSecrets = secrets.secrets();
    Map<String, List<FeedDef>> schemas = new LinkedHashMap<>();
    for (String name : schemaTables.keySet()) {
      schemas.put(name, new ArrayList<>());
    }
    for (int i = 0; i < drafts.size(); i++) {
      FeedDef feed = drafts.get(i).secrets(allSecrets).build();
      schemas.get(feed.schema()).add(feed);
      for (ChildTableDef child : children.get(i)) {
        schemas.get(feed.schema()).add(child.feedOf(feed));
      }
    }
    for (RawFeed feed : raw) {
      ChildTables.checkNames(feed.table, schemas.get(feed.schema));
    }
    schemas.replaceAll((k, v) -> List.copyOf(v));
    return new Catalog(source, schemas, hosts);
  }

  private record RawFeed(String schema, NodeReader table) {}

  /**
   * A table written by {@code arrowtap catalog import} says which operation of the description it
   * came from ({@code origin}); its load errors name that operation too.
   */
  private static <T> T withOrigin(NodeReader table, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (CatalogException e) {
      String origin = table.string("origin", "");
      if (origin.isEmpty()) {
        throw e;
      }
      throw new CatalogException(
          e.getMessage() + " (table generated from " + origin + " of the API's description)", e);
    }
  }

  private static String identifier(NodeReader node, String key) {
    String name = node.string(key);
    if (!IDENTIFIER.matcher(name).matches()) {
      throw node.error(
          key,
          "expected a name of letters, digits and underscores that starts with a letter, got '"
              + name
              + "'");
    }
    return name;
  }

  private FeedDef.Builder feed(String schema, NodeReader table) {
    table.allowOnly(
        "name",
        "description",
        "url",
        "method",
        "body",
        "headers",
        "query",
        "auth",
        "records",
        "pagination",
        "columns",
        "parameters",
        "retry",
        "timeouts",
        "limits",
        "concurrency",
        "filters",
        "rate_limit",
        "cache",
        "fields",
        "origin",
        "children",
        "split",
        "typical_rows");
    String name = table.string("name");
    String url = table.resolved("url", null);
    if (url == null) {
      throw table.error("url", "missing; expected the feed's http(s) URL");
    }
    validateUrl(table, UrlTemplate.withSamples(url));
    String method = table.string("method", "GET").toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("POST")) {
      throw table.error("method", "expected GET or POST, got '" + method + "'");
    }
    Optional<String> body = Optional.ofNullable(table.resolved("body", null));
    if (body.isPresent() && method.equals("GET")) {
      throw table.error("body", "a body needs method: POST");
    }
    return FeedDef.builder(schema, name, url)
        .description(table.string("description", ""))
        .method(method)
        .body(body)
        .headers(table.stringMap("headers"))
        .query(table.stringMap("query"))
        .auth(auth(table.objectOrEmpty("auth"), table.has("auth")))
        .records(records(table.objectOrEmpty("records")))
        .pagination(pagination(table.objectOrEmpty("pagination")))
        .columns(table.has("columns") ? Optional.of(columns(table)) : Optional.empty())
        .parameters(parameters(table, url))
        .http(http(table))
        .fetch(fetch(table))
        .filters(filters(table))
        .fields(fields(table))
        .split(split(table.objectOrEmpty("split")));
  }

  /**
   * {@code split: {pages_per_task: 10, column: created_at, step: 1d, from: ..., to: ...}}: how a
   * scan may be cut into tasks.
   */
  private static SplitDef split(NodeReader split) {
    split.allowOnly("pages_per_task", "column", "step", "from", "to");
    try {
      return new SplitDef(
          (int)
              split.integer(
                  "pages_per_task",
                  SplitDef.DEFAULTS.pagesPerTask(),
                  1,
                  SplitDef.MAX_PAGES_PER_TASK),
          Optional.ofNullable(split.string("column", null)),
          Optional.ofNullable(split.string("step", null)),
          Optional.ofNullable(split.string("from", null)),
          Optional.ofNullable(split.string("to", null)));
    } catch (IllegalArgumentException e) {
      throw split.error(null, e.getMessage());
    }
  }

  /**
   * {@code fields: {param: fields, separator: ",", always: [id]}} on a table, and {@code api_field}
   * on its columns: the request parameter that names the fields a query reads.
   */
  private static FieldsDef fields(NodeReader table) {
    Map<String, String> apiNames = new LinkedHashMap<>();
    for (NodeReader column : table.list("columns", false)) {
      String apiName = column.string("api_field", null);
      if (apiName == null) {
        continue;
      }
      if (!table.has("fields")) {
        throw column.error(
            "api_field", "names the API's field for 'fields', but the table declares no fields");
      }
      if (apiName.isBlank()) {
        throw column.error("api_field", "must not be empty");
      }
      apiNames.put(column.string("name").toLowerCase(Locale.ROOT), apiName);
    }
    if (!table.has("fields")) {
      return FieldsDef.NONE;
    }
    NodeReader fields = table.object("fields");
    fields.allowOnly("param", "separator", "always");
    String param = fields.string("param");
    if (param.isBlank()) {
      throw fields.error("param", "the request parameter must not be empty");
    }
    for (NodeReader parameter : table.list("parameters", false)) {
      if (parameter.string("name").equalsIgnoreCase(param)) {
        throw fields.error("param", "'" + param + "' is already a declared parameter");
      }
    }
    for (NodeReader filter : table.list("filters", false)) {
      if (filter.string("param").equals(param)) {
        throw fields.error("param", "'" + param + "' is already a filter's request parameter");
      }
    }
    String separator = fields.string("separator", ",");
    if (separator.isEmpty()) {
      throw fields.error("separator", "must not be empty");
    }
    List<String> always = fields.has("always") ? fields.strings("always") : List.of();
    return new FieldsDef(param, separator, always, apiNames);
  }

  /** {@code batch: {max: 100, separator: ",", pointer: /id}}: many values in one request. */
  private static Optional<ParameterBatch> batch(
      NodeReader parameter, String name, ColumnType type) {
    if (!parameter.has("batch")) {
      return Optional.empty();
    }
    NodeReader batch = parameter.object("batch");
    batch.allowOnly("max", "separator", "pointer");
    if (!batch.has("max")) {
      throw batch.error("max", "missing; expected the most values one request may carry");
    }
    int max = (int) batch.integer("max", 1, 1, ParameterBatch.MAX);
    String separator = batch.string("separator", ",");
    if (separator.isEmpty()) {
      throw batch.error("separator", "expected the text between values, such as ','");
    }
    String pointer = batch.string("pointer", "/" + name);
    if (pointer.isEmpty()) {
      throw batch.error("pointer", "expected where each record holds its value, such as /" + name);
    }
    try {
      new ColumnBinding(new Column(name, type, true), pointer, null);
    } catch (IllegalArgumentException e) {
      throw batch.error("pointer", e.getMessage());
    }
    return Optional.of(new ParameterBatch(max, separator, pointer));
  }

  private static List<ParameterDef> parameters(NodeReader table, String url) {
    List<ParameterDef> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> placeholders = UrlTemplate.placeholders(url);
    for (NodeReader parameter : table.list("parameters", false)) {
      parameter.allowOnly("name", "type", "in", "default", "optional", "batch");
      String name = identifier(parameter, "name");
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw parameter.error("name", "parameter '" + name + "' is declared twice");
      }
      String typeName = parameter.string("type", "VARCHAR");
      ColumnType type = ColumnType.fromName(typeName);
      if (type != ColumnType.VARCHAR && type != ColumnType.BIGINT) {
        throw parameter.error("type", "expected VARCHAR or BIGINT, got '" + typeName + "'");
      }
      String in = parameter.string("in", placeholders.contains(name) ? "path" : "query");
      if (!in.equals("path") && !in.equals("query")) {
        throw parameter.error("in", "expected path or query, got '" + in + "'");
      }
      if (in.equals("path") && !placeholders.contains(name)) {
        throw parameter.error("in", "the url has no {" + name + "} placeholder");
      }
      Optional<String> fallback = Optional.ofNullable(parameter.string("default", null));
      if (type == ColumnType.BIGINT && fallback.isPresent() && !fallback.get().matches("-?\\d+")) {
        throw parameter.error("default", "expected a whole number, got '" + fallback.get() + "'");
      }
      boolean optional = parameter.bool("optional", false);
      if (optional && in.equals("path")) {
        throw parameter.error("optional", "a path parameter cannot be optional: the url needs it");
      }
      if (optional && fallback.isPresent()) {
        throw parameter.error(
            "optional", "an optional parameter has no default: it is sent only when bound");
      }
      parameters.add(
          new ParameterDef(
              name, type, in.equals("path"), fallback, optional, batch(parameter, name, type)));
    }
    for (String placeholder : placeholders) {
      if (!names.contains(placeholder.toLowerCase(Locale.ROOT))) {
        throw table.error(
            "url",
            "the url's {" + placeholder + "} is not a declared parameter; add it under parameters");
      }
    }
    boolean required = parameters.stream().anyMatch(ParameterDef::required);
    if (required && !table.has("columns")) {
      throw table.error(
          "columns",
          "a table with a required parameter needs declared columns: they cannot be inferred without a value");
    }
    if (table.has("columns")) {
      for (ColumnDef column : columns(table)) {
        if (names.contains(column.name().toLowerCase(Locale.ROOT))) {
          throw table.error(
              "columns", "column '" + column.name() + "' has the name of a parameter");
        }
      }
    }
    return parameters;
  }

  private static void validateUrl(NodeReader table, String url) {
    validateUrl(table, url, "url");
  }

  private static void validateUrl(NodeReader table, String url, String key) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw table.error(key, "expected an http:// or https:// URL with a host");
      }
    } catch (URISyntaxException e) {
      throw table.error(key, "not a valid URL: " + e.getReason() + " at index " + e.getIndex());
    }
  }

  private static AuthDef auth(NodeReader auth, boolean present) {
    if (!present) {
      return AuthDef.NONE;
    }
    String type = auth.string("type").toLowerCase(Locale.ROOT);
    switch (type) {
      case "bearer" -> {
        auth.allowOnly("type", "token");
        return new AuthDef.Bearer(auth.secret("token"));
      }
      case "basic" -> {
        auth.allowOnly("type", "username", "password");
        return new AuthDef.Basic(auth.resolved("username", ""), auth.secret("password"));
      }
      case "api_key" -> {
        auth.allowOnly("type", "name", "value", "in");
        String in = auth.string("in", "header").toLowerCase(Locale.ROOT);
        if (!in.equals("header") && !in.equals("query")) {
          throw auth.error("in", "expected header or query, got '" + in + "'");
        }
        return new AuthDef.ApiKey(auth.string("name"), auth.secret("value"), in.equals("query"));
      }
      case "header" -> {
        auth.allowOnly("type", "name", "prefix", "value");
        return new AuthDef.Header(
            auth.string("name"), auth.string("prefix", ""), auth.secret("value"));
      }
      case "oauth2" -> {
        auth.allowOnly(
            "type", "token_url", "client_id", "client_secret", "scopes", "refresh_token");
        String tokenUrl = auth.resolved("token_url", null);
        if (tokenUrl == null) {
          throw auth.error("token_url", "missing; expected the token endpoint's https:// URL");
        }
        validateUrl(auth, tokenUrl, "token_url");
        return new AuthDef.OAuth2(
            tokenUrl,
            auth.resolved("client_id", ""),
            auth.has("client_secret") ? auth.secret("client_secret") : "",
            auth.has("scopes") ? auth.strings("scopes") : List.of(),
            auth.has("refresh_token") ? auth.secret("refresh_token") : "");
      }
      case "none" -> {
        auth.allowOnly("type");
        return AuthDef.NONE;
      }
      default ->
          throw auth.error(
              "type",
              "expected one of bearer, basic, api_key, header, oauth2, none, got '" + type + "'");
    }
  }

  private static RecordLayout records(NodeReader records) {
    records.allowOnly("format", "pointer");
    RecordLayout.Format format =
        records.choice("format", RecordLayout.Format.class, RecordLayout.Format.AUTO);
    return new RecordLayout(format, pointer(records, "pointer"));
  }

  private static String pointer(NodeReader node, String key) {
    String pointer = node.string(key, "");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw node.error(
          key, "expected a JSON Pointer starting with '/', such as /data, got '" + pointer + "'");
    }
    return pointer;
  }

  private static PaginationDef pagination(NodeReader p) {
    p.allowOnly(
        "style",
        "offset_param",
        "limit_param",
        "page_param",
        "size_param",
        "cursor_param",
        "cursor_pointer",
        "next_pointer",
        "total_pointer",
        "page_size",
        "start",
        "first_page",
        "prefetch",
        "may_cap_page_size");
    Style style = p.choice("style", Style.class, Style.NONE);
    boolean sized = style == Style.OFFSET || style == Style.PAGE;
    int pageSize = (int) p.integer("page_size", sized ? 100 : 0, sized ? 1 : 0, 1_000_000);
    String cursorPointer = pointer(p, "cursor_pointer");
    String nextPointer = pointer(p, "next_pointer");
    if (style == Style.CURSOR && cursorPointer.isEmpty()) {
      throw p.error(
          "cursor_pointer",
          "style cursor needs cursor_pointer: where the next cursor is in the body, such as /next_cursor");
    }
    if (style == Style.NEXT_URL && nextPointer.isEmpty()) {
      throw p.error(
          "next_pointer",
          "style next_url needs next_pointer: where the next URL is in the body, such as /next");
    }
    long start =
        style == Style.PAGE
            ? p.integer("first_page", 1, 0, Integer.MAX_VALUE)
            : p.integer("start", 0, 0, Long.MAX_VALUE / 2);
    String sizeDefault = style == Style.PAGE ? "per_page" : "";
    return new PaginationDef(
        style,
        p.string("offset_param", "offset"),
        p.string("limit_param", "limit"),
        p.string("page_param", "page"),
        p.string("size_param", sizeDefault),
        p.string("cursor_param", "cursor"),
        cursorPointer,
        nextPointer,
        pointer(p, "total_pointer"),
        pageSize,
        start,
        p.bool("prefetch", true),
        p.bool("may_cap_page_size", false));
  }

  /** {@code DECIMAL(10, 2)}, {@code NUMERIC(12)}: an exact type with its precision and scale. */
  private static final Pattern DECIMAL =
      Pattern.compile(
          "(?i)\\s*(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d{1,3})\\s*(?:,\\s*(\\d{1,3})\\s*)?\\)\\s*");

  static List<ColumnDef> columns(NodeReader table) {
    List<ColumnDef> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (NodeReader column : table.list("columns", true)) {
      column.allowOnly("name", "type", "path", "format", "api_field");
      String name = column.string("name");
      if (name.isBlank()) {
        throw column.error("name", "a column name must not be empty");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw column.error(
            "name", "column '" + name + "' is declared twice (names are case-insensitive)");
      }
      String typeName = column.string("type");
      Matcher decimal = DECIMAL.matcher(typeName);
      int precision = 0;
      int scale = 0;
      ColumnType type;
      if (decimal.matches()) {
        type = ColumnType.DECIMAL;
        precision = Integer.parseInt(decimal.group(1));
        scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
        if (precision < 1 || precision > Column.MAX_PRECISION || scale > precision) {
          throw column.error(
              "type",
              "DECIMAL(p, s) needs 1 <= p <= "
                  + Column.MAX_PRECISION
                  + " and 0 <= s <= p, got '"
                  + typeName
                  + "'");
        }
      } else {
        type = ColumnType.fromName(typeName);
        precision = type == ColumnType.DECIMAL ? Column.MAX_PRECISION : 0;
      }
      if (type == null) {
        throw column.error(
            "type",
            "expected one of BOOLEAN, BIGINT, DOUBLE, DECIMAL, DECIMAL(p, s), VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ, JSON, got '"
                + typeName
                + "'");
      }
      String path =
          column.has("path")
              ? pointer(column, "path")
              : "/" + name.replace("~", "~0").replace("/", "~1");
      String format = column.string("format", null);
      if (format != null
          && type != ColumnType.DATE
          && type != ColumnType.TIMESTAMP
          && type != ColumnType.TIMESTAMP_LTZ) {
        throw column.error("format", "format applies to DATE and TIMESTAMP columns only");
      }
      if (format != null && !format.equals("epoch_seconds") && !format.equals("epoch_millis")) {
        try {
          var unused = DateTimeFormatter.ofPattern(format); // validates the pattern only
        } catch (IllegalArgumentException e) {
          throw column.error("format", "not a valid date-time pattern: " + e.getMessage());
        }
      }
      columns.add(new ColumnDef(name, type, path, format, precision, scale));
    }
    if (columns.isEmpty()) {
      throw table.error(
          "columns", "an empty column list; leave 'columns' out to infer the columns");
    }
    return columns;
  }

  private static HttpSettings http(NodeReader table) {
    NodeReader retry = table.objectOrEmpty("retry");
    retry.allowOnly("attempts", "initial_delay_ms", "max_delay_ms");
    NodeReader timeouts = table.objectOrEmpty("timeouts");
    timeouts.allowOnly("connect_ms", "response_ms", "request_ms");
    NodeReader limits = table.objectOrEmpty("limits");
    limits.allowOnly("max_pages", "max_rows");
    HttpSettings d = HttpSettings.DEFAULTS;
    return new HttpSettings(
        (int) retry.integer("attempts", d.attempts(), 1, 100),
        millis(retry, "initial_delay_ms", d.initialDelay()),
        millis(retry, "max_delay_ms", d.maxDelay()),
        millis(timeouts, "connect_ms", d.connectTimeout()),
        millis(timeouts, "response_ms", d.responseTimeout()),
        millis(timeouts, "request_ms", d.requestTimeout()),
        limits.integer("max_pages", d.maxPages(), 1, Long.MAX_VALUE),
        limits.integer("max_rows", d.maxRows(), 1, Long.MAX_VALUE));
  }

  private static List<FilterDef> filters(NodeReader table) {
    List<FilterDef> filters = new ArrayList<>();
    Set<String> columns = new HashSet<>();
    if (table.has("columns")) {
      for (ColumnDef column : columns(table)) {
        columns.add(column.name().toLowerCase(Locale.ROOT));
      }
    }
    Set<String> parameters = new HashSet<>();
    for (NodeReader parameter : table.list("parameters", false)) {
      parameters.add(parameter.string("name").toLowerCase(Locale.ROOT));
    }
    Set<String> seen = new HashSet<>();
    for (NodeReader filter : table.list("filters", false)) {
      filter.allowOnly("column", "op", "param", "format", "in", "exact");
      String column = filter.string("column");
      if (!columns.isEmpty() && !columns.contains(column.toLowerCase(Locale.ROOT))) {
        throw filter.error("column", "no column '" + column + "' among the declared columns");
      }
      if (parameters.contains(column.toLowerCase(Locale.ROOT))) {
        throw filter.error(
            "column", "'" + column + "' is a parameter: parameters are bound without a filter");
      }
      String op = filter.string("op");
      if (!FilterDef.OPS.contains(op)) {
        throw filter.error("op", "expected one of =, >=, >, <=, <, got '" + op + "'");
      }
      String param = filter.string("param");
      if (param.isBlank()) {
        throw filter.error("param", "the request parameter must not be empty");
      }
      if (parameters.contains(param.toLowerCase(Locale.ROOT))) {
        throw filter.error("param", "'" + param + "' is already a declared parameter");
      }
      if (!seen.add(param)) {
        throw filter.error("param", "request parameter '" + param + "' is used by two filters");
      }
      FilterDef.Format format =
          filter.choice("format", FilterDef.Format.class, FilterDef.Format.TEXT);
      String in = filter.string("in", "query").toLowerCase(Locale.ROOT);
      if (!in.equals("query") && !in.equals("body")) {
        throw filter.error("in", "expected query or body, got '" + in + "'");
      }
      filters.add(
          new FilterDef(column, op, param, format, in.equals("body"), filter.bool("exact", false)));
    }
    return filters;
  }

  private static FetchDef fetch(NodeReader table) {
    return new FetchDef(
        (int)
            table.integer(
                "concurrency", FetchDef.DEFAULTS.concurrency(), 1, FetchDef.MAX_CONCURRENCY),
        rateLimit(table.objectOrEmpty("rate_limit")),
        cache(table.objectOrEmpty("cache")),
        table.has("typical_rows") ? table.integer("typical_rows", 0, 0, Long.MAX_VALUE / 2) : -1);
  }

  private static CacheDef cache(NodeReader cache) {
    cache.allowOnly("ttl_seconds", "max_bytes");
    long ttl = cache.integer("ttl_seconds", 0, 0, 7L * 24 * 3600);
    long maxBytes = cache.integer("max_bytes", ttl > 0 ? 64L << 20 : 0, 0, 64L << 30);
    return new CacheDef(Duration.ofSeconds(ttl), maxBytes);
  }

  private static RateLimitDef rateLimit(NodeReader limit) {
    limit.allowOnly("requests_per_second", "burst", "max_in_flight", "per");
    String per = limit.string("per", "host").toLowerCase(Locale.ROOT);
    if (!per.equals("host") && !per.equals("table")) {
      throw limit.error("per", "expected host or table, got '" + per + "'");
    }
    long rate = limit.integer("requests_per_second", 0, 0, 100_000);
    int burst = (int) limit.integer("burst", Math.max(1, rate), 1, 100_000);
    int inFlight = (int) limit.integer("max_in_flight", 0, 0, 10_000);
    return new RateLimitDef(rate, burst, inFlight, per.equals("host"));
  }

  private static Duration millis(NodeReader node, String key, Duration fallback) {
    return Duration.ofMillis(node.integer(key, fallback.toMillis(), 0, 24L * 3600 * 1000));
  }
}
