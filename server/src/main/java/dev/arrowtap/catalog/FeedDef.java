package dev.arrowtap.catalog;

import dev.arrowtap.common.Secrets;
import dev.arrowtap.decode.RecordLayout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A feed table as declared in the catalog, secrets resolved. Its {@code toString} never shows
 * secret values.
 *
 * @param columns the declared columns, or empty to infer them from a sample
 * @param parameters request parameters, shown as the table's first columns
 * @param fetch requests at once (and later rate limits and caching)
 * @param filters comparisons on columns that the API applies as request parameters
 * @param fields the request parameter that names the fields a query reads, if the API has one
 * @param split how a scan may be cut into tasks that run side by side
 */
public record FeedDef(
    String schema,
    String name,
    String description,
    String method,
    String url,
    Optional<String> body,
    Map<String, String> headers,
    Map<String, String> query,
    AuthDef auth,
    RecordLayout records,
    PaginationDef pagination,
    Optional<List<ColumnDef>> columns,
    List<ParameterDef> parameters,
    HttpSettings http,
    Secrets secrets,
    FetchDef fetch,
    List<FilterDef> filters,
    FieldsDef fields,
    SplitDef split) {
  public FeedDef {
    Objects.requireNonNull(schema, "schema is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(url, "url is null");
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    columns = columns.map(List::copyOf);
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(auth, "auth is null");
    Objects.requireNonNull(records, "records is null");
    Objects.requireNonNull(pagination, "pagination is null");
    Objects.requireNonNull(http, "http is null");
    // The forms the credentials take on the wire are secrets too, however the catalog gave them.
    secrets = Objects.requireNonNull(secrets, "secrets is null").plus(AuthSecrets.of(auth));
    Objects.requireNonNull(fetch, "fetch is null");
    filters = List.copyOf(filters);
    Objects.requireNonNull(fields, "fields is null");
    Objects.requireNonNull(split, "split is null");
  }

  /** A feed of this schema, name and URL, every other setting at its default. */
  public static Builder builder(String schema, String name, String url) {
    return new Builder(schema, name, url);
  }

  /** A builder holding every setting of this feed, to change some. */
  public Builder toBuilder() {
    return builder(schema, name, url)
        .description(description)
        .method(method)
        .body(body)
        .headers(headers)
        .query(query)
        .auth(auth)
        .records(records)
        .pagination(pagination)
        .columns(columns)
        .parameters(parameters)
        .http(http)
        .secrets(secrets)
        .fetch(fetch)
        .filters(filters)
        .fields(fields)
        .split(split);
  }

  /** This feed with other fetch settings. */
  public FeedDef withFetch(FetchDef newFetch) {
    return toBuilder().fetch(newFetch).build();
  }

  /** {@code schema.table}, for messages. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  @Override
  public String toString() {
    return "FeedDef[" + qualifiedName() + " " + method + " " + secrets.redact(url) + "]";
  }

  /**
   * Collects a feed's settings one at a time, with the defaults of a catalog entry that leaves them
   * out; the record's constructor validates them in {@link #build}.
   */
  public static final class Builder {
    private final String schema;
    private String name;
    private final String url;
    private String description = "";
    private String method = "GET";
    private Optional<String> body = Optional.empty();
    private Map<String, String> headers = Map.of();
    private Map<String, String> query = Map.of();
    private AuthDef auth = AuthDef.NONE;
    private RecordLayout records = RecordLayout.AUTO;
    private PaginationDef pagination = PaginationDef.NONE;
    private Optional<List<ColumnDef>> columns = Optional.empty();
    private List<ParameterDef> parameters = List.of();
    private HttpSettings http = HttpSettings.DEFAULTS;
    private Secrets secrets = Secrets.NONE;
    private FetchDef fetch = FetchDef.DEFAULTS;
    private List<FilterDef> filters = List.of();
    private FieldsDef fields = FieldsDef.NONE;
    private SplitDef split = SplitDef.DEFAULTS;

    private Builder(String schema, String name, String url) {
      this.schema = schema;
      this.name = name;
      this.url = url;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder method(String value) {
      method = value;
      return this;
    }

    public Builder body(Optional<String> value) {
      body = value;
      return this;
    }

    public Builder headers(Map<String, String> value) {
      headers = value;
      return this;
    }

    public Builder query(Map<String, String> value) {
      query = value;
      return this;
    }

    public Builder auth(AuthDef value) {
      auth = value;
      return this;
    }

    public Builder records(RecordLayout value) {
      records = value;
      return this;
    }

    public Builder pagination(PaginationDef value) {
      pagination = value;
      return this;
    }

    public Builder columns(Optional<List<ColumnDef>> value) {
      columns = value;
      return this;
    }

    public Builder parameters(List<ParameterDef> value) {
      parameters = value;
      return this;
    }

    public Builder http(HttpSettings value) {
      http = value;
      return this;
    }

    public Builder secrets(Secrets value) {
      secrets = value;
      return this;
    }

    public Builder fetch(FetchDef value) {
      fetch = value;
      return this;
    }

    public Builder filters(List<FilterDef> value) {
      filters = value;
      return this;
    }

    public Builder fields(FieldsDef value) {
      fields = value;
      return this;
    }

    public Builder split(SplitDef value) {
      split = value;
      return this;
    }

    public FeedDef build() {
      return new FeedDef(
          schema,
          name,
          description,
          method,
          url,
          body,
          headers,
          query,
          auth,
          records,
          pagination,
          columns,
          parameters,
          http,
          secrets,
          fetch,
          filters,
          fields,
          split);
    }
  }
}
