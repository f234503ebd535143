package dev.arrowtap.engine;

import dev.arrowtap.source.http.FeedTable;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * Makes {@code DatabaseMetaData.getTables} show a feed's catalog {@code description} as {@code
 * REMARKS}, where BI tools display it next to the table.
 */
public final class DescribedTables implements CalciteMetaTableFactory {
  public static final DescribedTables INSTANCE = new DescribedTables();

  private DescribedTables() {}

  @Override
  public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    String remarks = null;
    if (table instanceof FeedTable feed && !feed.feed().description().isBlank()) {
      remarks = feed.feed().description();
    }
    return new DescribedTable(table, tableCat, tableSchem, tableName, remarks);
  }

  @Override
  public Class<? extends MetaTable> getMetaTableClass() {
    return DescribedTable.class;
  }

  /** A table row of getTables with remarks; the field shadows Avatica's always-null one. */
  public static final class DescribedTable extends CalciteMetaTable {
    @SuppressWarnings(
        "HidingField") // Avatica reads the field by name, so it must hide the null one
    public final String remarks;

    DescribedTable(
        Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }
}
