package dev.arrowtap.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured on: cores, memory, CPU, JDK and operating system, and the load average
 * (which says how much other work shared the cores).
 */
public record Machine(int cores, long memoryBytes, String cpu, String jdk, String os) {

  public static Machine current() {
    OperatingSystemMXBean bean =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        bean.getTotalMemorySize(),
        cpuModel(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} or the JDK tells them. */
  public static String loadAverage() {
    Path proc = Path.of("/proc/loadavg");
    try {
      if (Files.isReadable(proc)) {
        String[] parts = Files.readString(proc).trim().split("\\s+", -1);
        return parts[0] + " " + parts[1] + " " + parts[2];
      }
    } catch (IOException e) {
      // Fall through to the JDK's one-minute figure.
    }
    return String.format(
        Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(info)) {
        List<String> lines = Files.readAllLines(info);
        for (String line : lines) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      }
    } catch (IOException e) {
      // The model is a nicety; the core count is what matters.
    }
    return System.getProperty("os.arch");
  }
}
