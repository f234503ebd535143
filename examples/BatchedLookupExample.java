import dev.arrowtap.jdbc.BatchedLookup;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Batched lookups on the demo API: the accounts of one region drive lookups into a primary
 * table P (one row per account) and supplemental tables A, R and S (many rows per account), a
 * batch of ids at a time, without the rows a single four-way join would multiply.
 *
 * <p>Run it with {@code bin/arrowtap lookup-demo}, or by hand against a running demo API:
 *
 * <pre>
 *   java -cp driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar examples/BatchedLookupExample.java \
 *       jdbc:arrowtap:catalog=examples/catalog.yaml
 * </pre>
 */
public class BatchedLookupExample {
  private static final String IDS = "(SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";

  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:arrowtap:catalog=examples/catalog.yaml";
    try (Connection connection = DriverManager.getConnection(url);
        BatchedLookup batches =
            BatchedLookup.on(connection)
                .driving("SELECT id FROM demo.accounts WHERE region = 'eu'")
                .batchSize(200)
                .lookup("P", "SELECT id, name, tier FROM demo.p_accounts WHERE id IN " + IDS)
                .lookup(
                    "A",
                    "SELECT account_id, seq, severity, message FROM demo.a_logs"
                        + " WHERE account_id IN " + IDS)
                .lookup(
                    "R",
                    "SELECT account_id, kind, allocation FROM demo.r_resources"
                        + " WHERE account_id IN " + IDS)
                .lookup(
                    "S",
                    "SELECT account_id, state, updated_day FROM demo.s_statuses"
                        + " WHERE account_id IN " + IDS)
                .open()) {
      long separateRows = 0;
      long joinedRows = 0;
      int number = 0;
      for (BatchedLookup.Batch batch : batches) {
        number++;
        // Rows per account in each table: what one join of P, A, R and S would multiply.
        Map<Long, long[]> perAccount = new HashMap<>();
        long[] counts = new long[4];
        String[] names = {"P", "A", "R", "S"};
        for (int t = 0; t < names.length; t++) {
          ResultSet rows = batch.results(names[t]);
          while (rows.next()) {
            counts[t]++;
            perAccount.computeIfAbsent(rows.getLong(1), id -> new long[4])[t]++;
          }
        }
        for (long[] n : perAccount.values()) {
          joinedRows += n[0] * n[1] * n[2] * n[3];
        }
        separateRows += counts[0] + counts[1] + counts[2] + counts[3];
        System.out.printf(
            "batch %d: %d ids; P %d rows, A %d, R %d, S %d%n",
            number, batch.ids().size(), counts[0], counts[1], counts[2], counts[3]);
      }
      System.out.printf(
          "%d rows read in %d batches; one join of P, A, R and S would have made %d rows%n",
          separateRows, number, joinedRows);
    }
  }
}
