package dev.arrowtap.bench;

/** One benchmark of the suite: it runs in the suite's process and reports figures and ratios. */
public interface Measure {
  /** The measure's number in issue 12's list. */
  int number();

  String title();

  /** The name that runs only this measure: {@code bench/run --only decode}. */
  String id();

  Findings run(Mode mode, BenchContext context) throws Exception;
}
