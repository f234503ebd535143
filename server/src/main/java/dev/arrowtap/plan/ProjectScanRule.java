package dev.arrowtap.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Narrows a scan to the columns a query uses, so that the decoder skips the rest of each record.
 * The projection's expressions stay above the narrowed scan.
 */
final class ProjectScanRule extends RelOptRule {
  static final ProjectScanRule INSTANCE = new ProjectScanRule();

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private ProjectScanRule() {
    super(
        operand(LogicalProject.class, operand(ArrowtapTableScan.class, none())),
        "ArrowtapProjectScanRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    ArrowtapTableScan scan = call.rel(1);
    if (scan.partial() != null) {
      return; // it produces groups, not the table's rows
    }
    if (!scan.scanTable().supportsProjection()) {
      return;
    }
    int[] current = scan.projection();
    ImmutableBitSet used = RelOptUtilBits.inputsUsed(project.getProjects());
    if (used.cardinality() == current.length) {
      return;
    }
    // count(*) uses no column; keep one so that rows still flow.
    List<Integer> keep = used.isEmpty() ? List.of(0) : used.asList();
    Map<Integer, Integer> newIndex = new LinkedHashMap<>();
    int[] narrowed = new int[keep.size()];
    for (int i = 0; i < keep.size(); i++) {
      newIndex.put(keep.get(i), i);
      narrowed[i] = current[keep.get(i)];
    }
    ArrowtapTableScan newScan = scan.withProjection(narrowed);
    RexShuttle remap =
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(newIndex.get(ref.getIndex()), ref.getType());
          }
        };
    List<RexNode> projects = new ArrayList<>();
    for (RexNode node : project.getProjects()) {
      projects.add(node.accept(remap));
    }
    if (RexUtil.isIdentity(projects, newScan.getRowType())) {
      call.transformTo(newScan);
    } else {
      call.transformTo(
          project.copy(project.getTraitSet(), newScan, projects, project.getRowType()));
    }
  }

  /** The input columns that expressions read. */
  private static final class RelOptUtilBits {
    static ImmutableBitSet inputsUsed(List<RexNode> nodes) {
      return RelOptUtil.InputFinder.bits(nodes, null);
    }
  }
}
