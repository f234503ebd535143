package dev.arrowtap.tck;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HikariCP, Spring's JdbcTemplate and jOOQ against the sales feed ({@link EdgeFeeds}), each used
 * with its defaults, as an application uses it; prints one line of what each got. Runs in the test
 * JVM and, with only the remote-only driver jar, in a fresh one.
 */
public final class RealClients {
  private RealClients() {}

  public static void main(String[] args) throws Exception {
    System.out.println(run(args[0], args[1]));
  }

  /**
   * @param url the JDBC URL of a connection to the sales feed
   * @param paidAt5 sale 5's paid_at, as {@code Instant.toString()}
   */
  static String run(String url, String paidAt5) throws SQLException {
    List<String> out = new ArrayList<>();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setPoolName("arrowtap-real-clients");
    // Hikari's default: no test query, so it validates connections with isValid(). The pool
    // fails to start (initializationFailTimeout 1) if that or its connection setup fails.
    try (HikariDataSource pool = new HikariDataSource(config)) {
      hikari(pool, out);
      spring(pool, paidAt5, out);
      jooq(pool, out);
    }
    config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    config.setConnectionTestQuery("SELECT 1");
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection connection = pool.getConnection()) {
      out.add("testQuery=" + connection.isValid(5));
    }
    return String.join(" ", out);
  }

  private static void hikari(HikariDataSource pool, List<String> out) throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*), sum(amount) FROM edge.sales")) {
        rs.next();
        if (i == 0) {
          out.add("hikari=" + rs.getLong(1) + "/" + rs.getBigDecimal(2));
          out.add("valid=" + connection.isValid(5));
        }
      }
    }
  }

  private static void spring(HikariDataSource pool, String paidAt5, List<String> out) {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    // A Double against DECIMAL(10, 2): Spring binds it with setObject.
    out.add(
        "spring.double="
            + jdbc.queryForList("SELECT id FROM edge.sales WHERE amount = ?", Long.class, 272.34));
    // A Timestamp read back and bound again (setTimestamp) against the timestamptz column.
    Timestamp paid =
        jdbc.queryForObject("SELECT paid_at FROM edge.sales WHERE id = 5", Timestamp.class);
    out.add("spring.read=" + paid.toInstant().toString().equals(paidAt5));
    out.add(
        "spring.since="
            + jdbc.queryForObject(
                "SELECT count(*) FROM edge.sales WHERE paid_at >= ?", Long.class, paid));
    out.add(
        "spring.at="
            + jdbc.queryForList(
                "SELECT id FROM edge.sales WHERE paid_at = ? AND id < 100 ORDER BY id",
                Long.class,
                paid));
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    out.add(
        "spring.in="
            + named.queryForList(
                "SELECT id FROM edge.sales WHERE id IN (:ids) ORDER BY id",
                Map.of("ids", List.of(3L, 5L, 7L)),
                Long.class));
    // Spring picks its exception by SQLState: 42 is bad grammar, 22 a data error.
    out.add("spring.missing=" + springError(() -> jdbc.queryForList("SELECT * FROM nowhere")));
    out.add(
        "spring.divide="
            + springError(() -> jdbc.queryForList("SELECT 100 / (id - 600) FROM edge.sales")));
    TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(pool));
    readOnly.setReadOnly(true);
    out.add(
        "spring.tx="
            + readOnly.execute(
                status -> jdbc.queryForObject("SELECT count(*) FROM edge.sales", Long.class)));
  }

  private static String springError(Runnable query) {
    try {
      query.run();
      return "none";
    } catch (DataAccessException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static void jooq(HikariDataSource pool, List<String> out) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES);
      Field<Long> id = DSL.field(DSL.name("id"), Long.class);
      Table<?> sales = DSL.table(DSL.name("edge", "sales"));
      // LIMIT and OFFSET are bind values.
      out.add("jooq.page=" + ctx.select(id).from(sales).orderBy(id).limit(3).offset(10).fetch(id));
      out.add(
          "jooq.double="
              + ctx.select(id)
                  .from(sales)
                  .where(DSL.field(DSL.name("amount"), Double.class).eq(272.34))
                  .fetch(id));
      // jOOQ's model of a table, read from DatabaseMetaData.
      // Read with the default dialect, which asks DatabaseMetaData only (jOOQ's PostgreSQL dialect
      // reads keys from pg_catalog, which arrowtap does not have).
      Table<?> described =
          DSL.using(connection, SQLDialect.DEFAULT)
              .meta()
              .getSchemas("edge")
              .get(0)
              .getTable("sales");
      StringBuilder fields = new StringBuilder();
      for (Field<?> field : described.fields()) {
        fields.append(fields.length() == 0 ? "" : ",").append(typeOf(field));
      }
      out.add("jooq.meta=" + fields);
      // jOOQ's model of a result, read from ResultSetMetaData.
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT id, amount, service FROM edge.sales WHERE id < 3")) {
        Result<Record> result = ctx.fetch(rs);
        StringBuilder columns = new StringBuilder();
        for (Field<?> field : result.fields()) {
          columns.append(columns.length() == 0 ? "" : ",").append(typeOf(field));
        }
        out.add("jooq.result=" + columns + "/" + result.size());
      }
    }
  }

  private static String typeOf(Field<?> field) {
    var type = field.getDataType();
    String size =
        type.hasPrecision() && type.precision() > 0
            ? "(" + type.precision() + (type.hasScale() ? "," + type.scale() : "") + ")"
            : "";
    return field.getName() + ":" + type.getTypeName() + size;
  }
}
