package dev.arrowtap.bench;

import java.util.Map;

/**
 * Checks that every side of a comparison gave the same answer: a fast wrong answer is no figure.
 */
final class Agreement {
  private Agreement() {}

  static void same(Map<String, String> answers, String what) {
    String first = null;
    String firstLabel = null;
    for (Map.Entry<String, String> entry : answers.entrySet()) {
      if (first == null) {
        first = entry.getValue();
        firstLabel = entry.getKey();
      } else if (!first.equals(entry.getValue())) {
        throw new IllegalStateException(
            what
                + " differ: "
                + firstLabel
                + " gave ["
                + first
                + "], "
                + entry.getKey()
                + " gave ["
                + entry.getValue()
                + "]");
      }
    }
  }
}
