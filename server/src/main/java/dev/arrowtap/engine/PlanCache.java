package dev.arrowtap.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * Prepared statements (plan and generated code) kept per session for the same SQL text, so a
 * repeated query skips parsing, planning and Janino compilation. A plan is keyed by its session's
 * root schema (which holds the session's settings and catalog schemas), so no plan crosses
 * sessions. A plan is dropped {@link #TTL} after it was made, and not reused once a feed's columns
 * were inferred again since; at most {@link #MAX_PLANS} are kept in all.
 */
final class PlanCache {
  /**
   * How long a plan is reused: a feed whose columns are inferred shows new columns at most this
   * long after the schema cache has them.
   */
  static final Duration TTL = Duration.ofMinutes(1);

  /** Plans kept for all sessions together: a BI tool repeats a few dozen statements. */
  static final int MAX_PLANS = 2048;

  /**
   * Queries only: an EXPLAIN shows where tasks would start now, and the driver's own commands
   * (CANCEL, CLOSE RESULT) never reach Calcite.
   */
  private static final Pattern QUERY =
      Pattern.compile(
          "\\s*(\\(\\s*)*(SELECT|WITH|VALUES)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The sessions that reuse plans; weak, so a closed session's root schema can go. */
  private final Cache<CalciteSchema, Boolean> sessions = Caffeine.newBuilder().weakKeys().build();

  private final Cache<Key, CalcitePrepare.CalciteSignature<?>> plans =
      Caffeine.newBuilder().maximumSize(MAX_PLANS).expireAfterWrite(TTL).build();
  private final LongSupplier schemaGeneration;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * @param schemaGeneration changes whenever a feed's columns are inferred anew: plans made before
   *     are not reused
   */
  PlanCache(LongSupplier schemaGeneration) {
    this.schemaGeneration = schemaGeneration;
  }

  /** Turns plan reuse on for the session whose root schema is {@code root}. */
  void enable(CalciteSchema root) {
    sessions.put(root, Boolean.TRUE);
  }

  /**
   * The session's plan for {@code sql}, prepared by {@code prepare} when there is none; a session
   * without plan reuse, or a statement other than a query, is always prepared.
   */
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> get(
      CalcitePrepare.Context context,
      String sql,
      Type elementType,
      long maxRowCount,
      Supplier<CalcitePrepare.CalciteSignature<T>> prepare) {
    CalciteSchema session = context.getMutableRootSchema();
    if (sql == null || sessions.getIfPresent(session) == null || !QUERY.matcher(sql).matches()) {
      return prepare.get();
    }
    Key key =
        new Key(
            session,
            sql,
            elementType,
            maxRowCount,
            context.getDefaultSchemaPath(),
            schemaGeneration.getAsLong());
    CalcitePrepare.CalciteSignature<?> cached = plans.getIfPresent(key);
    if (cached != null) {
      hits.incrementAndGet();
      return (CalcitePrepare.CalciteSignature<T>) cached;
    }
    misses.incrementAndGet();
    // Prepared outside the cache's lock: planning may read a feed's first page. A failure is
    // thrown to the caller and nothing is kept.
    CalcitePrepare.CalciteSignature<T> prepared = prepare.get();
    plans.put(key, prepared);
    return prepared;
  }

  /** Statements answered from the cache since the engine started. */
  long hits() {
    return hits.get();
  }

  /** Queries prepared in sessions with plan reuse because no plan was kept. */
  long misses() {
    return misses.get();
  }

  /**
   * What makes two preparations the same: the session (its root schema, compared by identity), the
   * text, the shape asked for, the row limit, the default schema ({@code Connection.setSchema}) and
   * the inferred schemas' generation.
   */
  private record Key(
      CalciteSchema session,
      String sql,
      Type elementType,
      long maxRowCount,
      List<String> schemaPath,
      long generation) {
    Key {
      Objects.requireNonNull(sql, "sql is null");
      schemaPath = schemaPath == null ? List.of() : List.copyOf(schemaPath);
    }
  }
}
