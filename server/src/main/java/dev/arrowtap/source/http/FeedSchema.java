package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** One schema of the catalog: its feeds as tables. */
public final class FeedSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  public FeedSchema(
      List<FeedDef> feeds,
      SessionSettings settings,
      ExecutionServices services,
      SchemaCache schemas) {
    Map<String, Table> map = new LinkedHashMap<>();
    for (FeedDef feed : feeds) {
      map.put(
          feed.name(),
          new FeedTable(
              feed, feed.qualifiedName(), feed.qualifiedName(), settings, services, schemas));
    }
    this.tables = Map.copyOf(map);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
