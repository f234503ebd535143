package dev.arrowtap.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;

/**
 * Generates the code of a lookup scan: evaluate the lookup's value expressions (correlation
 * variables of the current batch, or an array parameter) and read the rows for those values.
 */
final class LookupCode {
  private LookupCode() {}

  static BlockStatement rows(ArrowtapTableScan scan, EnumerableRelImplementor implementor) {
    ArrowtapTableScan.Lookup lookup = scan.lookup();
    LookupScan runtime =
        new LookupScan(
            scan.scanTable(),
            scan.projection(),
            scan.bindings(),
            lookup.column(),
            scan.scanTable().services().taskSlots());
    Expression lookupExpression = implementor.stash(runtime, LookupScan.class);
    RelDataType noInput = implementor.getTypeFactory().builder().build();
    RexProgramBuilder program = new RexProgramBuilder(noInput, scan.getCluster().getRexBuilder());
    for (RexNode value : lookup.values()) {
      program.addProject(value, null);
    }
    BlockBuilder block = new BlockBuilder();
    List<Expression> translated =
        RexToLixTranslator.translateProjects(
            program.getProgram(),
            implementor.getTypeFactory(),
            implementor.getConformance(),
            block,
            null,
            null,
            implementor.getRootExpression(),
            (list, index, storageType) -> {
              throw new IllegalStateException("a lookup value reads no input column");
            },
            implementor::getCorrelVariableGetter);
    List<Expression> boxed = new ArrayList<>();
    for (Expression value : translated) {
      boxed.add(EnumUtils.convert(value, Object.class));
    }
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                lookupExpression,
                "rows",
                implementor.getRootExpression(),
                Expressions.newArrayInit(Object.class, boxed))));
    return block.toBlock();
  }
}
