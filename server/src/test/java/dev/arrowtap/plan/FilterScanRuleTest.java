package dev.arrowtap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans, not rows: which predicates become request values (tasks) and which stay as a filter. */
class FilterScanRuleTest {
  private static final String CATALOG =
      "schemas:\n  - name: gh\n    tables:\n      - name: issues\n"
          + "        url: http://127.0.0.1:1/repos/{owner}/issues\n"
          + "        parameters:\n          - {name: owner}\n          - {name: state, default: open}\n"
          + "          - {name: since, type: BIGINT, default: '0'}\n"
          + "        columns: [{name: number, type: BIGINT}, {name: title, type: VARCHAR}]\n";

  @TempDir Path dir;
  private ArrowtapEngine engine;
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, CATALOG);
    engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog));
    connection = engine.connect(Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    connection.close();
    engine.close();
  }

  private String plan(String where) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "EXPLAIN PLAN FOR SELECT number FROM gh.issues WHERE " + where)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void anEqualityBindsOneValueAndTheFilterStaysAboveTheScan() throws Exception {
    assertEquals(
        "EnumerableCalc(expr#0..4=[{inputs}], expr#5=['apache':VARCHAR], expr#6=[=($t0, $t5)],"
            + " number=[$t3], $condition=[$t6])\n"
            + "  ArrowtapTableScan(scan=[gh.issues], tasks=[t0:[owner=apache, state=open,"
            + " since=0]], requests=[1])\n",
        plan("owner = 'apache'"));
  }

  @Test
  void anInListOrAnOrOfEqualitiesOnOneColumnIsOneTaskPerValue() throws Exception {
    String twoTasks =
        "EnumerableCalc(expr#0..4=[{inputs}], expr#5=[Sarg['apache':VARCHAR, 'duckdb':VARCHAR]:VARCHAR],"
            + " expr#6=[SEARCH($t0, $t5)], number=[$t3], $condition=[$t6])\n"
            + "  ArrowtapTableScan(scan=[gh.issues], tasks=[t0:[owner=apache, state=open, since=0],"
            + " t1:[owner=duckdb, state=open, since=0]], requests=[2])\n";
    assertEquals(twoTasks, plan("owner IN ('apache', 'duckdb')"));
    assertEquals(twoTasks, plan("owner = 'apache' OR owner = 'duckdb'"));
  }

  @Test
  void numbersBindAsWrittenAndOtherConjunctsStayInTheFilter() throws Exception {
    assertEquals(
        "EnumerableCalc(expr#0..4=[{inputs}], expr#5=['apache':VARCHAR], expr#6=[=($t0, $t5)],"
            + " expr#7=[5:BIGINT], expr#8=[=($t2, $t7)], expr#9=['x':VARCHAR], expr#10=[=($t4, $t9)],"
            + " expr#11=[AND($t6, $t8, $t10)], number=[$t3], $condition=[$t11])\n"
            + "  ArrowtapTableScan(scan=[gh.issues], tasks=[t0:[owner=apache, state=open,"
            + " since=5]], requests=[1])\n",
        plan("owner = 'apache' AND since = 5 AND title = 'x'"));
  }

  @Test
  void anOrAcrossColumnsBindsNothingAndDefaultsApply() throws Exception {
    assertEquals(
        "EnumerableCalc(expr#0..4=[{inputs}], expr#5=['apache':VARCHAR], expr#6=[=($t0, $t5)],"
            + " expr#7=['closed':VARCHAR], expr#8=[=($t1, $t7)], expr#9=[1:BIGINT], expr#10=[=($t2, $t9)],"
            + " expr#11=[OR($t8, $t10)], expr#12=[AND($t6, $t11)], number=[$t3], $condition=[$t12])\n"
            + "  ArrowtapTableScan(scan=[gh.issues], tasks=[t0:[owner=apache, state=open,"
            + " since=0]], requests=[1])\n",
        plan("owner = 'apache' AND (state = 'closed' OR since = 1)"));
  }
}
