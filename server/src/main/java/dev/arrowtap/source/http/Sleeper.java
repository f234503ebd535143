package dev.arrowtap.source.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits between retries; a test can substitute one that records the delays instead. */
@FunctionalInterface
public interface Sleeper {
  /** Waits for the delay unless the task is stopped first; returns false if it was stopped. */
  boolean sleep(Duration delay, BooleanSupplier stopped);

  /** Waits in short slices so that a cancelled query stops waiting within 50 ms. */
  Sleeper REAL =
      (delay, stopped) -> {
        long deadline = System.nanoTime() + delay.toNanos();
        Object monitor = new Object();
        synchronized (monitor) {
          while (!stopped.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return true;
            }
            try {
              monitor.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }
        }
        return false;
      };
}
