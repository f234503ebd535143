package dev.arrowtap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.server.http.ServerOptions;
import dev.arrowtap.worker.WorkerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code arrowtap --help} lists every command, and every command answers {@code --help}. */
class CommandHelpTest {
  private static final List<String> COMMANDS =
      List.of(
          "shell",
          "sql",
          "demo",
          "lookup-demo",
          "lookups",
          "server",
          "worker",
          "catalog",
          "demo-api");

  /** What {@code arrowtap ARGS} prints on standard output, for arguments that ask for help. */
  private static String run(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      ArrowtapCli.main(args);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theOverviewListsEveryCommand() throws Exception {
    String overview = run("--help");
    for (String command : COMMANDS) {
      assertTrue(overview.contains("  " + command + " "), command + " missing:\n" + overview);
    }
    assertEquals(overview, run());
  }

  @Test
  void everyCommandAnswersHelp() throws Exception {
    for (String command : COMMANDS) {
      String help = run(command, "--help");
      assertTrue(help.startsWith("usage: arrowtap " + command), help);
      assertEquals(help, run(command, "-h"), command);
      ByteArrayOutputStream viaHelp = new ByteArrayOutputStream();
      assertEquals(
          0,
          ArrowtapCli.help(
              command,
              new PrintStream(viaHelp, true, StandardCharsets.UTF_8),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      assertEquals(help, viaHelp.toString(StandardCharsets.UTF_8), command);
      String lower = help.toLowerCase(Locale.ROOT);
      assertFalse(lower.contains("issue ") || lower.contains("seed "), help);
    }
  }

  /** The options a command's parser knows, read from its message for an unknown one. */
  private static List<String> optionsOf(Function<String[], ?> parser) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> parser.apply(new String[] {"--nope", "x"}));
    List<String> options = new ArrayList<>();
    Matcher m = Pattern.compile("--[a-z-]+").matcher(e.getMessage().replace("--nope", ""));
    while (m.find()) {
      options.add(m.group());
    }
    assertTrue(options.size() > 3, e.getMessage());
    return options;
  }

  @Test
  void theServerAndWorkerHelpListEveryOptionTheyTake() throws Exception {
    String server = run("server", "--help");
    for (String option : optionsOf(ServerOptions::parse)) {
      assertTrue(server.contains(option + " "), option + " missing:\n" + server);
    }
    String worker = run("worker", "--help");
    for (String option : optionsOf(WorkerOptions::parse)) {
      assertTrue(worker.contains(option + " "), option + " missing:\n" + worker);
    }
    assertTrue(server.contains("--tls-keystore"), server);
    assertTrue(server.contains("--query-memory-limit"), server);
  }

  @Test
  void anUnknownCommandNamesTheNearestOne() {
    assertTrue(ArrowtapCli.unknown("sqll").contains("did you mean sql?"));
    assertTrue(ArrowtapCli.unknown("serve").contains("did you mean server?"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        2,
        ArrowtapCli.help(
            "nothing-like-it",
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command"));
  }
}
