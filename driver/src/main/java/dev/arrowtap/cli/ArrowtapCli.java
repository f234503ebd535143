package dev.arrowtap.cli;

import dev.arrowtap.authoring.CatalogMain;
import dev.arrowtap.demo.DemoMain;
import dev.arrowtap.server.http.ServerMain;
import dev.arrowtap.worker.WorkerMain;
import java.util.Arrays;

/** {@code arrowtap COMMAND ...}: the command line behind {@code bin/arrowtap}. */
public final class ArrowtapCli {
  private static final String USAGE =
      String.join(
          "\n",
          "usage: arrowtap COMMAND [OPTIONS]",
          "  server [--catalog FILE] [--port N] [--bind ADDR]   run the SQL server (Avatica over HTTP)",
          "         [--workers HOST:PORT,...] [--secret-file FILE] [--task-attempts N]",
          "         [--users FILE] [--log-level error|warn|info|debug] [--log-file FILE]",
          "  worker [--port N] [--bind ADDR] [--secret-file FILE]  run a worker (Arrow Flight)",
          "         [--log-level LEVEL] [--log-file FILE]",
          "  sql [--url URL] [--format table|csv|json] \"SQL\"...  run statements and print results",
          "  shell [URL]                                        open sqlline (default: embedded)",
          "  lookups [--url URL] [--batch-size N] [--rows] --driving SQL --lookup NAME=SQL...",
          "                                                     stream batched one-to-many lookups",
          "  catalog import SPEC [--base-url URL] [--schema NAME]  an OpenAPI description -> catalog",
          "  catalog draft URL [--header 'Name: value']...      one live endpoint -> catalog",
          "                                                     (arrowtap catalog --help: details)",
          "  demo-api [--port N]                                run the demo JSON API on loopback");

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
      System.out.println(USAGE);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "server" -> server(rest);
      case "worker" -> WorkerMain.main(rest);
      case "sql" -> System.exit(SqlCommand.run(rest, System.out, System.err));
      case "lookups" -> System.exit(LookupsCommand.run(rest, System.out, System.err));
      case "catalog" -> System.exit(CatalogMain.run(rest, System.out, System.err));
      case "demo-api" -> DemoMain.main(rest);
      default -> {
        System.err.println("arrowtap: unknown command '" + args[0] + "'\n" + USAGE);
        System.exit(2);
      }
    }
  }
}
