package dev.arrowtap.plan;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;

/**
 * Reads a join of a table and its child table ({@code orders JOIN orders__items ON i.parent_id =
 * o.id}) in one scan of the parent's pages instead of two: the scan makes a row of each element
 * with its record's columns, and the join's condition is applied to those rows.
 *
 * <p>It fires only for an inner join that equates every key column of the child with the parent
 * column it copies, where both scans send the same requests (the same parameter values, and the
 * child's pushed filters among the parent's); the parent's pushed filters then go to the API as
 * before. Since the keys identify a parent record, a child row joins exactly the record it came
 * from, which is the row the scan makes. Outer joins keep two scans: a record with no elements has
 * no row here.
 *
 * <p>The join's inputs are logical nodes (a filter a parameter's value leaves, the projection of
 * the columns used) over the scans, so the rule looks through those to the scans, in every form the
 * planner has found for each input.
 */
final class ChildJoinRule extends RelOptRule {
  static final ChildJoinRule INSTANCE = new ChildJoinRule();

  /** How far below a join input the rule looks for its scan. */
  private static final int DEPTH = 4;

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private ChildJoinRule() {
    super(
        operand(LogicalJoin.class, operand(RelNode.class, any()), operand(RelNode.class, any())),
        "ArrowtapChildJoinRule");
  }

  /**
   * What a join input reads: a scan, a condition over the scan's columns (or null), and for each of
   * the input's columns the scan column it is.
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared: only read while the rule fires
  private record Side(ArrowtapTableScan scan, RexNode condition, int[] fields) {}

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    if (join.getJoinType() != JoinRelType.INNER) {
      return;
    }
    for (Side left : sides(call.rel(1), DEPTH)) {
      for (Side right : sides(call.rel(2), DEPTH)) {
        if (rewrite(call, join, left, right, true) || rewrite(call, join, right, left, false)) {
          return;
        }
      }
    }
  }

  /** The scans a node reads, seen through filters and projections of plain columns. */
  private static List<Side> sides(RelNode node, int depth) {
    List<Side> found = new ArrayList<>();
    if (depth == 0) {
      return found;
    }
    if (node instanceof ArrowtapTableScan scan) {
      if (plain(scan)) {
        int[] identity = new int[scan.getRowType().getFieldCount()];
        for (int i = 0; i < identity.length; i++) {
          identity[i] = i;
        }
        found.add(new Side(scan, null, identity));
      }
    } else if (node instanceof RelSubset subset) {
      for (RelNode rel : subset.getRelList()) {
        found.addAll(sides(rel, depth - 1));
      }
    } else if (node instanceof LogicalFilter filter) {
      for (Side side : sides(filter.getInput(), depth - 1)) {
        RexNode condition = remap(filter.getCondition(), side.fields());
        found.add(
            new Side(
                side.scan(),
                side.condition() == null
                    ? condition
                    : RexUtil.composeConjunction(
                        filter.getCluster().getRexBuilder(), List.of(side.condition(), condition)),
                side.fields()));
      }
    } else if (node instanceof LogicalProject project
        && project.getProjects().stream().allMatch(RexInputRef.class::isInstance)) {
      for (Side side : sides(project.getInput(), depth - 1)) {
        int[] fields = new int[project.getProjects().size()];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = side.fields()[((RexInputRef) project.getProjects().get(i)).getIndex()];
        }
        found.add(new Side(side.scan(), side.condition(), fields));
      }
    }
    return found;
  }

  /** The expression with each input column {@code i} read from scan column {@code fields[i]}. */
  private static RexNode remap(RexNode node, int[] fields) {
    return node.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(fields[ref.getIndex()], ref.getType());
          }
        });
  }

  /**
   * For each column of a side's scan, its place among the columns the side uses (its fields and its
   * condition's), or -1 when unused.
   */
  private static int[] used(Side side, int width) {
    boolean[] read = new boolean[width];
    for (int field : side.fields()) {
      read[field] = true;
    }
    if (side.condition() != null) {
      RelOptUtil.InputFinder.bits(side.condition()).forEach(i -> read[i] = true);
    }
    int[] map = new int[width];
    int next = 0;
    for (int f = 0; f < width; f++) {
      map[f] = read[f] ? next++ : -1;
    }
    return map;
  }

  private static int count(int[] map) {
    int used = 0;
    for (int place : map) {
      used += place >= 0 ? 1 : 0;
    }
    return used;
  }

  /** A scan of a table's rows, planned whole: no lookup, no partial aggregate, no limit. */
  private static boolean plain(ArrowtapTableScan scan) {
    return scan.lookup() == null && scan.partial() == null && scan.limit() < 0;
  }

  private static boolean rewrite(
      RelOptRuleCall call,
      LogicalJoin join,
      Side parentSide,
      Side childSide,
      boolean parentIsLeft) {
    ArrowtapTableScan parent = parentSide.scan();
    ArrowtapTableScan child = childSide.scan();
    Optional<ChildJoin> found = parent.scanTable().joinChild(child.scanTable());
    if (found.isEmpty()) {
      return false;
    }
    ChildJoin link = found.get();
    if (!parent.bindings().equals(child.bindings())) {
      return false; // different requests: the child's rows may come from other records
    }
    for (PushedFilter filter : child.filters()) {
      Integer column = link.keys().get(filter.column());
      if (column == null
          || !parent
              .filters()
              .contains(new PushedFilter(column, filter.op(), filter.value(), filter.exact()))) {
        return false; // the child reads records the parent's scan does not
      }
    }
    int[] parentColumns = parent.projection();
    int[] childColumns = child.projection();
    JoinInfo info = join.analyzeCondition();
    List<Integer> parentKeys = parentIsLeft ? info.leftKeys : info.rightKeys;
    List<Integer> childKeys = parentIsLeft ? info.rightKeys : info.leftKeys;
    for (Map.Entry<Integer, Integer> key : link.keys().entrySet()) {
      boolean equated = false;
      for (int k = 0; k < parentKeys.size() && !equated; k++) {
        equated =
            parentColumns[parentSide.fields()[parentKeys.get(k)]] == key.getValue()
                && childColumns[childSide.fields()[childKeys.get(k)]] == key.getKey();
      }
      if (!equated) {
        return false; // without every key a child row may join other records too
      }
    }
    // The joined scan reads only the columns the join's inputs show or their filters read.
    int[] parentMap = used(parentSide, parentColumns.length);
    int[] childMap = used(childSide, childColumns.length);
    int offset = count(parentMap);
    int parentSize = parent.scanTable().shape().size();
    int[] projection = new int[offset + count(childMap)];
    for (int f = 0; f < parentMap.length; f++) {
      if (parentMap[f] >= 0) {
        projection[parentMap[f]] = parentColumns[f];
      }
    }
    for (int f = 0; f < childMap.length; f++) {
      if (childMap[f] >= 0) {
        projection[offset + childMap[f]] = parentSize + childColumns[f];
      }
    }
    ScanTable joined = link.table();
    RelOptTable table =
        RelOptTableImpl.create(
            parent.getTable().getRelOptSchema(),
            joined.getRowType(join.getCluster().getTypeFactory()),
            joined,
            ImmutableList.copyOf(child.getTable().getQualifiedName()));
    ArrowtapTableScan scan =
        new ArrowtapTableScan(
            join.getCluster(), table, joined, projection, parent.bindings(), -1, parent.filters());
    // The scan's columns are the parent's then the child's. The filters over each side hold for
    // the joined rows as they did for that side's.
    RelBuilder builder = call.builder().push(scan);
    List<RexNode> sideConditions = new ArrayList<>();
    if (parentSide.condition() != null) {
      sideConditions.add(remap(parentSide.condition(), parentMap));
    }
    if (childSide.condition() != null) {
      sideConditions.add(RexUtil.shift(remap(childSide.condition(), childMap), offset));
    }
    builder.filter(sideConditions);
    // The join's columns are its left input's, then its right input's.
    List<RexNode> fields = new ArrayList<>();
    Side left = parentIsLeft ? parentSide : childSide;
    Side right = parentIsLeft ? childSide : parentSide;
    int[] leftMap = parentIsLeft ? parentMap : childMap;
    int[] rightMap = parentIsLeft ? childMap : parentMap;
    for (int field : left.fields()) {
      fields.add(builder.field((parentIsLeft ? 0 : offset) + leftMap[field]));
    }
    for (int field : right.fields()) {
      fields.add(builder.field((parentIsLeft ? offset : 0) + rightMap[field]));
    }
    builder.project(fields, join.getRowType().getFieldNames(), true);
    // The condition holds the keys (each now equal to itself unless NULL) and anything else the
    // query put in ON: applied to every row, it keeps exactly the join's rows.
    builder.filter(join.getCondition());
    builder.convert(join.getRowType(), false);
    call.transformTo(builder.build());
    return true;
  }
}
