package dev.arrowtap.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One contestant's measured rounds: wall seconds and process CPU seconds (all threads of this JVM,
 * so it leaves out time spent waiting for a core on a shared machine).
 */
public record Timing(String label, List<Double> wall, List<Double> cpu) {
  public Timing {
    wall = List.copyOf(wall);
    cpu = List.copyOf(cpu);
    if (wall.isEmpty()) {
      throw new IllegalArgumentException("no measured round for " + label);
    }
  }

  public double median() {
    return median(wall);
  }

  public double best() {
    return wall.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double cpuMedian() {
    return median(cpu);
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
