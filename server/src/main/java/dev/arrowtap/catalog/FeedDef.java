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
    FieldsDef fields) {
  /** A feed whose API takes no field list. */
  public FeedDef(
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
      List<FilterDef> filters) {
    this(
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
        FieldsDef.NONE);
  }

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
    Objects.requireNonNull(secrets, "secrets is null");
    Objects.requireNonNull(fetch, "fetch is null");
    filters = List.copyOf(filters);
    Objects.requireNonNull(fields, "fields is null");
  }

  /** This feed with other fetch settings. */
  public FeedDef withFetch(FetchDef newFetch) {
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
        newFetch,
        filters,
        fields);
  }

  /** {@code schema.table}, for messages. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  @Override
  public String toString() {
    return "FeedDef[" + qualifiedName() + " " + method + " " + secrets.redact(url) + "]";
  }
}
