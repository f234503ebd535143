package dev.arrowtap.cli;

import dev.arrowtap.authoring.CatalogMain;
import dev.arrowtap.demo.DemoMain;
import dev.arrowtap.jdbc.NearestNames;
import dev.arrowtap.server.http.ServerMain;
import dev.arrowtap.worker.WorkerMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code arrowtap COMMAND ...}: the command line behind {@code bin/arrowtap}. */
public final class ArrowtapCli {
  private ArrowtapCli() {}

  /**
   * The server needs an HTTP server (Jetty), which the driver jar leaves out; on that jar alone it
   * says how to run it instead of failing with a missing class.
   */
  private static void server(String[] rest) throws Exception {
    try {
      Class.forName("org.eclipse.jetty.server.Server", false, ArrowtapCli.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      System.err.println(
          "arrowtap: the server is not in the driver jar (it carries no HTTP server); run"
              + " bin/arrowtap server, or java -cp 'server/target/arrowtap-server-VERSION.jar:"
              + "server/target/lib/*' dev.arrowtap.server.http.ServerMain");
      System.exit(2);
    }
    ServerMain.main(rest);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(CommandHelp.overview());
      return;
    }
    if (args[0].equals("help")) {
      System.exit(help(args.length > 1 ? args[1] : "", System.out, System.err));
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (CommandHelp.of(args[0]).isPresent() && CommandHelp.asksForHelp(rest)) {
      System.out.println(CommandHelp.of(args[0]).get());
      return;
    }
    switch (args[0]) {
      case "server" -> server(rest);
      case "worker" -> WorkerMain.main(rest);
      case "sql" -> System.exit(SqlCommand.runInProcess(rest, System.out, System.err));
      case "lookups" -> System.exit(LookupsCommand.run(rest, System.out, System.err));
      case "catalog" -> System.exit(CatalogMain.run(rest, System.out, System.err));
      case "demo-api" -> DemoMain.main(rest);
      default -> {
        System.err.println(unknown(args[0]));
        System.exit(2);
      }
    }
  }

  /**
   * {@code arrowtap help COMMAND}: the command's help on {@code out} (0), or the overview on {@code
   * err} (2) for a command there is not.
   */
  static int help(String command, PrintStream out, PrintStream err) {
    if (command.isEmpty()) {
      out.println(CommandHelp.overview());
      return 0;
    }
    var text = CommandHelp.of(command);
    if (text.isPresent()) {
      out.println(text.get());
      return 0;
    }
    err.println(unknown(command));
    return 2;
  }

  /** The message for a command there is not, naming the nearest one and the overview. */
  static String unknown(String command) {
    List<String> nearest = NearestNames.of(command, CommandHelp.commands(), 1);
    String hint = nearest.isEmpty() ? "" : "; did you mean " + nearest.get(0) + "?";
    return "arrowtap: unknown command '" + command + "'" + hint + "\n" + CommandHelp.overview();
  }
}
