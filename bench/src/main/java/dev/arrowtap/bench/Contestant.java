package dev.arrowtap.bench;

/**
 * One side of a comparison: a label and the work of one round, which returns its answer as text so
 * that the sides can be checked to agree (and nothing is optimised away).
 */
public record Contestant(String label, Work work) {

  /** One round's work. */
  @FunctionalInterface
  public interface Work {
    String run() throws Exception;
  }
}
