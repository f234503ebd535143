package dev.arrowtap.metrics;

/**
 * What a stage's tasks send back: the rows they read, or the groups of a partial aggregate computed
 * over those rows. EXPLAIN ANALYZE names the count after it ("rows out", "groups out").
 */
public enum StageOutput {
  ROWS("rows"),
  GROUPS("groups");

  private final String noun;

  StageOutput(String noun) {
    this.noun = noun;
  }

  /** The plural noun for the output count: {@code rows} or {@code groups}. */
  public String noun() {
    return noun;
  }
}
