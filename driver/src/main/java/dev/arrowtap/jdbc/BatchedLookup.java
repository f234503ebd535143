package dev.arrowtap.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Streams a one-to-many join in batches of distinct ids without multiplying rows: a driving query
 * (its first column is the id) is read once, as a stream; every batch of its ids is handed to named
 * lookup queries as an array parameter, and each batch offers one {@link ResultSet} per lookup.
 *
 * <pre>{@code
 * try (BatchedLookup batches = BatchedLookup.on(connection)
 *         .driving("SELECT id FROM demo.accounts WHERE region = 'eu'")
 *         .lookup("P", "SELECT * FROM demo.p_accounts WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))")
 *         .lookup("A", "SELECT * FROM demo.a_logs WHERE account_id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))")
 *         .open()) {
 *   for (BatchedLookup.Batch batch : batches) {
 *     ResultSet p = batch.results("P"); // only the rows of this batch's ids
 *   }
 * }
 * }</pre>
 *
 * <p>Every {@code ?} of a lookup receives the batch's ids as one array; {@code UNNEST(?)} needs the
 * array's type written out when the engine cannot infer it: {@code UNNEST(CAST(? AS BIGINT
 * ARRAY))}. Ids are distinct within a batch; a driving query whose ids repeat far apart should say
 * {@code DISTINCT}. Memory holds one batch: its ids and the lookups' open results. Closing a batch
 * closes its results; closing the iterator closes every statement, on the server too. It uses
 * ordinary statements only, so it works the same embedded and remote.
 */
public final class BatchedLookup implements AutoCloseable, Iterable<BatchedLookup.Batch> {
  /** The default and largest batch: 65,536 distinct ids. */
  public static final int DEFAULT_BATCH_SIZE = 65_536;

  private final Connection connection;
  private final int batchSize;
  private final Statement drivingStatement;
  private final ResultSet driving;
  private final String elementType;
  private final Map<String, PreparedStatement> lookups;
  private final ExecutorService threads;
  private Batch current;
  private List<Object> pending;
  private boolean exhausted;
  private boolean closed;

  private BatchedLookup(Builder builder) throws SQLException {
    this.connection = builder.connection;
    this.batchSize = builder.batchSize;
    this.lookups = new LinkedHashMap<>();
    this.threads =
        builder.concurrent && builder.lookups.size() > 1
            ? Executors.newFixedThreadPool(
                builder.lookups.size(), DriverThreads.named("arrowtap-lookup"))
            : null;
    Statement statement = null;
    try {
      for (Map.Entry<String, String> lookup : builder.lookups.entrySet()) {
        lookups.put(lookup.getKey(), connection.prepareStatement(lookup.getValue()));
      }
      statement = connection.createStatement();
      statement.setFetchSize(Math.min(batchSize, 10_000));
      this.drivingStatement = statement;
      this.driving = statement.executeQuery(builder.driving);
      this.elementType = arrayType(driving.getMetaData().getColumnType(1));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(statement);
      lookups.values().forEach(BatchedLookup::closeQuietly);
      if (threads != null) {
        threads.shutdownNow();
      }
      throw e;
    }
  }

  /** Starts describing a batched lookup on an open arrowtap connection. */
  public static Builder on(Connection connection) {
    return new Builder(connection);
  }

  /**
   * Whether another batch follows. Reads the driving query up to the next batch's first id.
   *
   * @throws IllegalStateException wrapping the SQLException when the driving query fails
   */
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (pending == null && !exhausted) {
      try {
        pending = readIds();
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return pending != null && !pending.isEmpty();
  }

  /**
   * The next batch; the one before is closed first. Its lookups run now (concurrently unless
   * switched off), so their errors surface here.
   *
   * @throws IllegalStateException wrapping the SQLException of a failed lookup
   */
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches");
    }
    closeCurrent();
    List<Object> ids = pending;
    pending = null;
    try {
      current = new Batch(ids, runLookups(ids));
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return current;
  }

  /** The batches in order; one pass only, like the driving query. */
  @Override
  public Iterator<Batch> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return BatchedLookup.this.hasNext();
      }

      @Override
      public Batch next() {
        return BatchedLookup.this.next();
      }
    };
  }

  private List<Object> readIds() throws SQLException {
    Set<Object> ids = new LinkedHashSet<>();
    while (ids.size() < batchSize) {
      if (!driving.next()) {
        exhausted = true;
        break;
      }
      Object id = driving.getObject(1);
      if (id != null) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  private Map<String, ResultSet> runLookups(List<Object> ids) throws SQLException {
    Map<String, ResultSet> results = new LinkedHashMap<>();
    try {
      if (threads == null) {
        for (Map.Entry<String, PreparedStatement> lookup : lookups.entrySet()) {
          results.put(lookup.getKey(), execute(lookup.getValue(), ids));
        }
        return results;
      }
      Map<String, Future<ResultSet>> running = new LinkedHashMap<>();
      for (Map.Entry<String, PreparedStatement> lookup : lookups.entrySet()) {
        running.put(lookup.getKey(), threads.submit(() -> execute(lookup.getValue(), ids)));
      }
      SQLException failure = null;
      for (Map.Entry<String, Future<ResultSet>> result : running.entrySet()) {
        try {
          results.put(result.getKey(), result.getValue().get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = asSqlException(result.getKey(), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure =
              new SQLException("interrupted while running lookup " + result.getKey(), "57014");
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (SQLException | RuntimeException e) {
      results.values().forEach(BatchedLookup::closeQuietly);
      throw e;
    }
  }

  private ResultSet execute(PreparedStatement statement, List<Object> ids) throws SQLException {
    Array array = connection.createArrayOf(elementType, ids.toArray());
    int parameters = statement.getParameterMetaData().getParameterCount();
    for (int i = 1; i <= Math.max(1, parameters); i++) {
      statement.setArray(i, array);
    }
    return statement.executeQuery();
  }

  private static SQLException asSqlException(String name, Throwable cause) {
    if (cause instanceof SQLException sql) {
      return sql;
    }
    return new SQLException("lookup " + name + " failed: " + cause, "HY000", cause);
  }

  /** The array element type for the driving query's id column. */
  private static String arrayType(int sqlType) {
    return switch (sqlType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "BIGINT";
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> "VARCHAR";
      default -> JDBCType.valueOf(sqlType).getName();
    };
  }

  private void closeCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** Closes the current batch, the driving query and every lookup statement. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    closeCurrent();
    if (threads != null) {
      threads.shutdownNow();
    }
    SQLException first = null;
    List<AutoCloseable> all = new ArrayList<>();
    all.add(driving);
    all.add(drivingStatement);
    all.addAll(lookups.values());
    for (AutoCloseable closeable : all) {
      try {
        closeable.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof SQLException sql ? sql : new SQLException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Already failing or closing: the first error is the one to report.
    }
  }

  /** One batch: its distinct ids, in driving order, and each lookup's rows for them. */
  public static final class Batch implements AutoCloseable {
    private final List<Object> ids;
    private final Map<String, ResultSet> results;

    private Batch(List<Object> ids, Map<String, ResultSet> results) {
      this.ids = List.copyOf(ids);
      this.results = results;
    }

    /** The batch's distinct ids, in the order the driving query gave them. */
    public List<Object> ids() {
      return ids;
    }

    /** The rows of lookup {@code name} for this batch's ids; closed with the batch. */
    public ResultSet results(String name) {
      ResultSet result = results.get(name);
      if (result == null) {
        throw new IllegalArgumentException(
            "no lookup named '" + name + "'; the lookups are " + results.keySet());
      }
      return result;
    }

    /** Closes every lookup's result. */
    @Override
    public void close() {
      results.values().forEach(BatchedLookup::closeQuietly);
    }
  }

  /** Describes a batched lookup: the driving query, the batch size and the named lookups. */
  public static final class Builder {
    private final Connection connection;
    private final Map<String, String> lookups = new LinkedHashMap<>();
    private String driving;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean concurrent = true;

    private Builder(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection is null");
    }

    /** The query whose first column gives the ids; it runs once and is read as a stream. */
    public Builder driving(String sql) {
      this.driving = Objects.requireNonNull(sql, "driving query is null");
      return this;
    }

    /** At most this many distinct ids a batch, from 1 to 65,536 (the default). */
    public Builder batchSize(int size) {
      if (size < 1 || size > DEFAULT_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "batch size is from 1 to " + DEFAULT_BATCH_SIZE + ", not " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** A lookup query whose every {@code ?} takes the batch's ids as an array. */
    public Builder lookup(String name, String sql) {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(sql, "sql is null");
      if (lookups.putIfAbsent(name, sql) != null) {
        throw new IllegalArgumentException("lookup '" + name + "' is declared twice");
      }
      return this;
    }

    /** Whether a batch's lookups run at once, on separate statements; true by default. */
    public Builder concurrent(boolean concurrent) {
      this.concurrent = concurrent;
      return this;
    }

    /**
     * Prepares the lookups and starts the driving query.
     *
     * @throws SQLException when a query does not prepare or the driving query fails to start
     */
    public BatchedLookup open() throws SQLException {
      if (driving == null) {
        throw new IllegalStateException("no driving query; call driving(sql) first");
      }
      if (lookups.isEmpty()) {
        throw new IllegalStateException("no lookups; call lookup(name, sql) at least once");
      }
      return new BatchedLookup(this);
    }
  }
}
