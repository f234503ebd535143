package dev.arrowtap.cli;

import dev.arrowtap.jdbc.BatchedLookup;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code arrowtap lookups}: runs a {@link BatchedLookup} and prints, per batch, its id count and
 * each lookup's row count (or, with {@code --rows}, the rows), then the totals.
 */
final class LookupsCommand {
  private LookupsCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String url = "jdbc:arrowtap:";
    String driving = null;
    int batchSize = BatchedLookup.DEFAULT_BATCH_SIZE;
    boolean rows = false;
    Map<String, String> lookups = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--rows")) {
        rows = true;
        continue;
      }
      if (i + 1 == args.length) {
        return usage(err, arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--url" -> url = value.startsWith("jdbc:") ? value : "jdbc:arrowtap:url=" + value;
        case "--driving" -> driving = value;
        case "--batch-size" -> {
          try {
            batchSize = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            return usage(err, "--batch-size wants a number, not '" + value + "'");
          }
        }
        case "--lookup" -> {
          int eq = value.indexOf('=');
          if (eq < 1) {
            return usage(err, "--lookup wants NAME=SQL, not '" + value + "'");
          }
          lookups.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> {
          return usage(err, "unknown option '" + arg + "'");
        }
      }
    }
    if (driving == null || lookups.isEmpty()) {
      return usage(err, "needs --driving SQL and at least one --lookup NAME=SQL");
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      BatchedLookup.Builder builder =
          BatchedLookup.on(connection).driving(driving).batchSize(batchSize);
      lookups.forEach(builder::lookup);
      Map<String, Long> totals = new LinkedHashMap<>();
      long ids = 0;
      int batches = 0;
      try (BatchedLookup batched = builder.open()) {
        for (BatchedLookup.Batch batch : batched) {
          batches++;
          ids += batch.ids().size();
          StringBuilder line =
              new StringBuilder("batch " + batches + ": " + batch.ids().size() + " ids");
          for (String name : lookups.keySet()) {
            ResultSet result = batch.results(name);
            long count = 0;
            if (rows) {
              out.println("-- " + name + " (batch " + batches + ")");
              ResultFormat.CSV.print(result, out);
              count = -1;
            } else {
              while (result.next()) {
                count++;
              }
              totals.merge(name, count, Long::sum);
              line.append(", ").append(name).append(": ").append(count).append(" rows");
            }
          }
          if (!rows) {
            out.println(line);
          }
        }
      }
      if (!rows) {
        StringBuilder total = new StringBuilder("total: " + batches + " batches, " + ids + " ids");
        totals.forEach((name, count) -> total.append(", ").append(name).append(": ").append(count));
        out.println(total);
      }
      return 0;
    } catch (SQLException | RuntimeException e) {
      err.println("arrowtap lookups: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println(
        "arrowtap lookups: "
            + problem
            + "\nusage: arrowtap lookups [--url URL] [--batch-size N] [--rows] --driving SQL"
            + " --lookup NAME=SQL [--lookup NAME=SQL]...");
    return 2;
  }
}
