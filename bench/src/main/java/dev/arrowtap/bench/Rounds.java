package dev.arrowtap.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs contestants in alternating rounds, so that every side sees the same machine load; the order
 * rotates each round so that no side always runs right after another's garbage.
 */
public final class Rounds {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Rounds() {}

  /** What the rounds measured, and each contestant's answer of its last round. */
  public record Outcome(Map<String, Timing> timings, Map<String, String> answers) {
    public Outcome {
      timings = Map.copyOf(timings);
      answers = Map.copyOf(answers);
    }

    public Timing timing(String label) {
      Timing timing = timings.get(label);
      if (timing == null) {
        throw new IllegalArgumentException("no contestant " + label);
      }
      return timing;
    }
  }

  public static Outcome run(
      int warmups, int rounds, List<Contestant> contestants, Consumer<String> log)
      throws Exception {
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, String> answers = new LinkedHashMap<>();
    for (Contestant c : contestants) {
      wall.put(c.label(), new ArrayList<>());
      cpu.put(c.label(), new ArrayList<>());
    }
    for (int round = 0; round < warmups + rounds; round++) {
      boolean measured = round >= warmups;
      StringBuilder line =
          new StringBuilder(measured ? "  round " + (round - warmups + 1) : "  warm-up");
      for (int i = 0; i < contestants.size(); i++) {
        Contestant c = contestants.get((i + round) % contestants.size());
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        String answer = c.work().run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
        answers.put(c.label(), answer);
        if (measured) {
          wall.get(c.label()).add(seconds);
          cpu.get(c.label()).add(cpuSeconds);
        }
        line.append(String.format(Locale.ROOT, " | %s %.3f s", c.label(), seconds));
      }
      log.accept(line.toString());
    }
    Map<String, Timing> timings = new LinkedHashMap<>();
    for (Contestant c : contestants) {
      timings.put(c.label(), new Timing(c.label(), wall.get(c.label()), cpu.get(c.label())));
    }
    return new Outcome(timings, answers);
  }
}
