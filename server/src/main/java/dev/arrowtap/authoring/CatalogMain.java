package dev.arrowtap.authoring;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code arrowtap catalog import|draft ...}: prints a catalog for an API to standard output. */
public final class CatalogMain {
  static final String USAGE =
      String.join(
          "\n",
          "usage: arrowtap catalog import SPEC [--base-url URL] [--schema NAME]",
          "         SPEC: an OpenAPI 3.0 or 3.1 description (YAML or JSON), a file or an http(s) URL;",
          "         prints a catalog: a table per GET operation that returns records",
          "       arrowtap catalog draft URL [--header 'Name: value']... [--schema NAME] [--table NAME]",
          "         fetches one page of URL (two at most, to confirm pagination) and prints a catalog",
          "         holding its table",
          "Secrets are written as ${env:NAME} references, never as values; lines starting with #",
          "say what was guessed.");

  private CatalogMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a subcommand: 0 when it printed a catalog, 1 when it could not, 2 on bad usage. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    if (rest.contains("--help") || rest.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    try {
      String catalog =
          switch (args[0]) {
            case "import" -> importSpec(rest);
            case "draft" -> draft(rest);
            default -> throw new UsageException("unknown subcommand '" + args[0] + "'");
          };
      out.print(catalog);
      out.flush();
      return 0;
    } catch (UsageException e) {
      err.println("arrowtap catalog: " + e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (AuthoringException e) {
      err.println("arrowtap catalog " + args[0] + ": " + e.getMessage());
      return 1;
    }
  }

  private static String importSpec(List<String> args) {
    Optional<String> baseUrl = option(args, "--base-url");
    Optional<String> schema = option(args, "--schema");
    String spec = single(args, "SPEC");
    return new OpenApiImporter(SpecSource.read(spec), baseUrl, schema, true).catalog();
  }

  private static String draft(List<String> args) {
    List<String> headers = options(args, "--header");
    Optional<String> schema = option(args, "--schema");
    Optional<String> table = option(args, "--table");
    String url = single(args, "URL");
    return new EndpointDrafter(url, headers, schema, table, true).catalog();
  }

  /** Removes {@code --name VALUE} from the arguments and returns the value. */
  static Optional<String> option(List<String> args, String name) {
    int at = args.indexOf(name);
    if (at < 0) {
      return Optional.empty();
    }
    if (at + 1 >= args.size()) {
      throw new UsageException(name + " needs a value");
    }
    String value = args.get(at + 1);
    args.subList(at, at + 2).clear();
    if (args.contains(name)) {
      throw new UsageException(name + " is given twice");
    }
    return Optional.of(value);
  }

  /** Removes every {@code --name VALUE} and returns the values in order. */
  static List<String> options(List<String> args, String name) {
    List<String> values = new ArrayList<>();
    for (int at = args.indexOf(name); at >= 0; at = args.indexOf(name)) {
      if (at + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      values.add(args.get(at + 1));
      args.subList(at, at + 2).clear();
    }
    return values;
  }

  private static String single(List<String> args, String what) {
    for (String arg : args) {
      if (arg.startsWith("--")) {
        throw new UsageException("unknown option " + arg);
      }
    }
    if (args.size() != 1) {
      throw new UsageException("expected one " + what + ", got " + args.size());
    }
    return args.get(0);
  }

  /** A command line that does not say what to do. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
