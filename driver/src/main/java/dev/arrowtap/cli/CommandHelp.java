package dev.arrowtap.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code arrowtap --help} and {@code arrowtap COMMAND --help} print: every command, every
 * option.
 */
final class CommandHelp {
  private CommandHelp() {}

  /** Each command's help, in the order the overview lists them. */
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  /** Each command's one-line summary, for the overview. */
  private static final Map<String, String> SUMMARIES = new LinkedHashMap<>();

  private static void command(String name, String summary, String... lines) {
    SUMMARIES.put(name, summary);
    COMMANDS.put(name, String.join("\n", lines));
  }

  static {
    command(
        "shell",
        "an interactive SQL shell (sqlline)",
        "usage: arrowtap shell [URL]",
        "Opens an interactive SQL shell (sqlline).",
        "  URL   jdbc:arrowtap:... or http(s)://HOST:PORT of a server;",
        "        default jdbc:arrowtap: (the engine in this process, no catalog)",
        "        example: arrowtap shell 'jdbc:arrowtap:catalog=examples/catalog.yaml'",
        "In the shell: !tables lists the tables, !quit leaves, Ctrl-C cancels a running query.");
    command(
        "sql",
        "run statements and print their results",
        "usage: arrowtap sql [--url URL] [--format table|csv|json] [--progress auto|on|off]"
            + " \"SQL\"...",
        "Runs each statement (several per argument, separated by ;) and prints its result.",
        "  --url URL         jdbc:arrowtap:... or http(s)://HOST:PORT (default jdbc:arrowtap:)",
        "  --format FORMAT   table (default: aligned columns, every column shown),",
        "                    csv (RFC 4180 with a header line),",
        "                    json (one JSON object per row, one row per line)",
        "  --progress WHEN   rows, requests, bytes, tasks and time on stderr while a statement",
        "                    runs longer than a second, erased when its result prints:",
        "                    auto (default: in a terminal), on, off. Ctrl-C cancels the statement.",
        "Exits 1 with the error on stderr when a statement fails, 2 on a wrong command line.");
    command(
        "demo",
        "the demo API and a shell on its catalog",
        "usage: arrowtap demo",
        "Starts the demo JSON API on a free loopback port and opens the shell on",
        "examples/catalog.yaml (schema demo); the API stops when the shell ends.");
    command(
        "lookup-demo",
        "batched one-to-many lookups on the demo API",
        "usage: arrowtap lookup-demo",
        "Starts the demo JSON API and runs examples/BatchedLookupExample.java against it:",
        "one driving query, then the rows of two lookups fetched in batches of ids.");
    command(
        "lookups",
        "stream batched one-to-many lookups",
        "usage: arrowtap lookups [--url URL] [--batch-size N] [--rows] --driving SQL",
        "                        --lookup NAME=SQL [--lookup NAME=SQL]...",
        "  --url URL          jdbc:arrowtap:... or http(s)://HOST:PORT (default jdbc:arrowtap:)",
        "  --driving SQL      the query whose first column gives the ids",
        "  --lookup NAME=SQL  a query with one ? that takes a batch of ids as an array",
        "  --batch-size N     ids per batch",
        "  --rows             print the rows, not only their counts");
    command(
        "server",
        "run the SQL server (JDBC over HTTP, optional Flight SQL)",
        "usage: arrowtap server [OPTIONS]",
        "  --catalog FILE             the catalog of tables to serve",
        "  --port N                   HTTP port (default 8765; 0 picks a free one)",
        "  --bind ADDR                address to listen on (default 127.0.0.1, loopback only)",
        "  --users FILE               users allowed in (HTTP Basic, a Jetty realm file);",
        "                             without it anyone who reaches the port may query",
        "  --tls-keystore FILE        serve HTTPS only, with this keystore's key and certificate",
        "  --tls-password-file FILE   the file holding the keystore's password",
        "  --flight-sql-port N        also serve Arrow Flight SQL on this port",
        "  --workers HOST:PORT,...    run scan tasks on these workers",
        "  --secret-file FILE         the secret shared with the workers",
        "                             (default: the ARROWTAP_WORKER_SECRET variable)",
        "  --worker-tls-ca PEM        the CA that signed the workers' TLS certificates",
        "  --task-attempts N          tries per task on workers before a query fails",
        "  --query-memory-limit BYTES Arrow memory one query may hold, with K, M or G",
        "                             (default: half of the server's)",
        "  --max-requests N           HTTP requests one query may send to APIs (default 10000;",
        "                             -1 for no limit); a session's max_requests overrides it",
        "  --log-level LEVEL          error, warn, info (default) or debug",
        "  --log-file FILE            write the log to FILE instead of stderr");
    command(
        "worker",
        "run a worker that runs scan tasks for servers (Arrow Flight)",
        "usage: arrowtap worker [OPTIONS]",
        "  --port N             Flight port (default 4001; 0 picks a free one)",
        "  --bind ADDR          address to listen on (default 127.0.0.1)",
        "  --secret-file FILE   the secret shared with the servers",
        "                       (default: the ARROWTAP_WORKER_SECRET variable; one is required)",
        "  --tls-cert PEM       serve TLS with this certificate ...",
        "  --tls-key PEM        ... and this private key",
        "  --log-level LEVEL    error, warn, info (default) or debug",
        "  --log-file FILE      write the log to FILE instead of stderr");
    command(
        "catalog",
        "write a catalog from an OpenAPI description or a live endpoint",
        "usage: arrowtap catalog import SPEC [--base-url URL] [--schema NAME]",
        "         SPEC: an OpenAPI 3.0 or 3.1 description (YAML or JSON), a file or an http(s) URL",
        "       arrowtap catalog draft URL [--header 'Name: value']... [--schema NAME] [--table NAME]",
        "         fetches one page of URL (two at most) and prints a catalog holding its table",
        "Secrets are written as ${env:NAME} references, never as values.");
    command(
        "demo-api",
        "only the demo JSON API, in the foreground",
        "usage: arrowtap demo-api [--port N]",
        "  --port N   port on 127.0.0.1 (default 0: a free one); the URL is printed when ready");
  }

  /** The overview: every command with its summary. */
  static String overview() {
    StringBuilder text =
        new StringBuilder(
            "usage: arrowtap COMMAND [OPTIONS]   (arrowtap COMMAND --help: details)\n");
    text.append("commands:\n");
    SUMMARIES.forEach(
        (name, summary) ->
            text.append("  ")
                .append(name)
                .append(" ".repeat(Math.max(1, 14 - name.length())))
                .append(summary)
                .append('\n'));
    text.append("Documentation: docs/user-guide.md; the JDBC URL's properties: docs/connecting.md");
    return text.toString();
  }

  /** The help of one command, if there is such a command. */
  static Optional<String> of(String command) {
    return Optional.ofNullable(COMMANDS.get(command));
  }

  /** Every command's name. */
  static Iterable<String> commands() {
    return COMMANDS.keySet();
  }

  static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }
}
