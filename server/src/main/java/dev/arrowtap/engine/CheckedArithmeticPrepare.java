package dev.arrowtap.engine;

import java.lang.reflect.Type;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalcitePrepare.Context;
import org.apache.calcite.jdbc.CalcitePrepare.Query;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.prepare.Prepare.CatalogReader;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's statement preparation with integer results that never wrap around: {@code +}, {@code
 * -}, {@code *}, {@code /} and unary minus on exact types throw on overflow (SQLState 22003 for the
 * client), and sums add in their wider type ({@link WideSums}). Calcite checks arithmetic only for
 * the BigQuery and SQL Server conformances, which would change much else, so arrowtap applies
 * Calcite's own rewrite before planning.
 */
final class CheckedArithmeticPrepare extends CalcitePrepareImpl {
  private final PlanCache plans;

  CheckedArithmeticPrepare(PlanCache plans) {
    this.plans = plans;
  }

  /**
   * Reuses the session's plan for the same query text when it has one (see {@link PlanCache}); the
   * columns carry JDBC's sizes ({@link JdbcColumns}).
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    return plans.get(
        context,
        query.sql,
        elementType,
        maxRowCount,
        () -> JdbcColumns.correct(super.prepareSql(context, query, elementType, maxRowCount)));
  }

  private static final Program REDUCE =
      Programs.of(
          new HepProgramBuilder().addRuleInstance(CoreRules.AGGREGATE_REDUCE_FUNCTIONS).build(),
          true,
          DefaultRelMetadataProvider.INSTANCE);

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(
        this,
        context,
        catalogReader,
        typeFactory,
        context.getRootSchema(),
        prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected SqlValidator createSqlValidator(
          CatalogReader catalogReader, UnaryOperator<SqlValidator.Config> configTransform) {
        SqlOperatorTable functions =
            context.config().fun(SqlOperatorTable.class, SqlStdOperatorTable.instance());
        CalciteConnectionConfig connection = context.config();
        SqlValidator.Config config =
            configTransform.apply(
                SqlValidator.Config.DEFAULT
                    .withLenientOperatorLookup(connection.lenientOperatorLookup())
                    .withConformance(connection.conformance())
                    .withDefaultNullCollation(connection.defaultNullCollation())
                    .withIdentifierExpansion(true));
        return new CalciteSqlValidator(
            SqlOperatorTables.chain(
                NullSafeCoalesce.replacing(functions), (CalciteCatalogReader) catalogReader),
            (CalciteCatalogReader) catalogReader,
            context.getTypeFactory(),
            config);
      }

      @Override
      protected Program getProgram() {
        Program standard = Programs.standard();
        return (p, rel, traits, materializations, lattices) -> {
          // AVG, STDDEV and the like become SUMs first, so that WideSums sees every sum.
          RelNode reduced = REDUCE.run(p, rel, traits, materializations, lattices);
          RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
          RelNode checked = new ConvertToChecked(rexBuilder, true).visit(reduced);
          RelNode widened = new WideSums(rexBuilder).visit(checked);
          ExactSemantics semantics = new ExactSemantics(rexBuilder);
          RelNode exact = semantics.visit(widened);
          // A rewritten ORDER BY already delivers the order; asking for it again would put
          // Calcite's own single-key sort back on top.
          RelTraitSet wanted =
              semantics.sortedByRewrite(exact) ? traits.replace(RelCollations.EMPTY) : traits;
          return standard.run(p, exact, wanted, materializations, lattices);
        };
      }
    };
  }
}
