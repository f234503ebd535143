package dev.arrowtap.sys;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A read-only table of the {@code sys} schema, computed from the metrics store when scanned. */
final class SysTable extends AbstractTable implements ScannableTable {
  /** A column: its name, SQL type and whether it may be NULL. */
  record SysColumn(String name, SqlTypeName type, boolean nullable) {}

  private final List<SysColumn> columns;
  private final Supplier<List<Object[]>> rows;

  SysTable(List<SysColumn> columns, Supplier<List<Object[]>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  static SysColumn column(String name, SqlTypeName type, boolean nullable) {
    return new SysColumn(name, type, nullable);
  }

  /** Shown as SYSTEM TABLE by DatabaseMetaData.getTables, so tools list them apart from feeds. */
  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (SysColumn column : columns) {
      RelDataType type =
          switch (column.type()) {
            case VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
            case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
            default -> typeFactory.createSqlType(column.type());
          };
      builder.add(column.name(), typeFactory.createTypeWithNullability(type, column.nullable()));
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }
}
