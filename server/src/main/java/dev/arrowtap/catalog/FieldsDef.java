package dev.arrowtap.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Projection to the API: the request parameter that names the fields a query needs ({@code
 * fields=id,title}), as declared in the catalog.
 *
 * @param param the request parameter, or empty when the API takes no field list
 * @param separator what joins the field names
 * @param always fields every request asks for, whatever the query reads
 * @param apiNames the API's field for a column, by lower-cased column name, where the catalog names
 *     one ({@code api_field}); other columns use the first step of their path
 */
public record FieldsDef(
    String param, String separator, List<String> always, Map<String, String> apiNames) {
  /** No field list: the API returns what it returns. */
  public static final FieldsDef NONE = new FieldsDef("", ",", List.of(), Map.of());

  public FieldsDef {
    Objects.requireNonNull(param, "param is null");
    Objects.requireNonNull(separator, "separator is null");
    always = List.copyOf(always);
    apiNames = Map.copyOf(apiNames);
  }

  /** Whether requests carry a field list. */
  public boolean enabled() {
    return !param.isEmpty();
  }

  /** The API's field for a column whose name the catalog maps, or null. */
  public String apiName(String column) {
    return apiNames.get(column.toLowerCase(Locale.ROOT));
  }
}
