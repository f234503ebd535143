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
    Secrets secrets) {
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
