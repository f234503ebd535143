package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.engine.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.Schema;

/** A feed declared in the catalog (or named by read_json), as a SQL table. */
public final class FeedTable extends ScanTable {
  private final FeedDef feed;
  private final String label;
  private final String cacheKey;
  private final SessionSettings settings;
  private final SchemaCache schemas;

  public FeedTable(
      FeedDef feed,
      String label,
      String cacheKey,
      SessionSettings settings,
      ExecutionServices services,
      SchemaCache schemas) {
    super(services);
    this.feed = feed;
    this.label = label;
    this.cacheKey = cacheKey;
    this.settings = settings;
    this.schemas = schemas;
  }

  public FeedDef feed() {
    return feed;
  }

  private List<ColumnBinding> bindings() {
    return schemas.columns(feed, cacheKey);
  }

  @Override
  public TableShape shape() {
    List<Column> columns = new ArrayList<>();
    for (ColumnBinding binding : bindings()) {
      columns.add(binding.column());
    }
    return new TableShape(columns);
  }

  @Override
  public ScanPlan planScan(int[] projection) {
    List<ColumnBinding> all = bindings();
    List<ColumnBinding> wanted = new ArrayList<>(projection.length);
    for (int field : projection) {
      wanted.add(all.get(field));
    }
    List<Column> columns = wanted.stream().map(ColumnBinding::column).toList();
    return new ScanPlan(
        label, new TableShape(columns), List.of(new FeedTask(feed, wanted)), settings.batchSize());
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.TABLE;
  }
}
