package dev.arrowtap.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names closest to a mistyped one, for messages that say what was probably meant. */
public final class NearestNames {
  private NearestNames() {}

  /**
   * The known names within a few edits of {@code name} (case ignored), closest first.
   *
   * @param most how many to return at most
   */
  public static List<String> of(String name, Iterable<String> known, int most) {
    String wanted = name.toLowerCase(Locale.ROOT);
    // A third of the name's length, at least 1 and at most 3: "catalgo" finds "catalog", "x"
    // finds nothing long.
    int limit = Math.max(1, Math.min(3, wanted.length() / 3));
    List<String> close = new ArrayList<>();
    List<Integer> distances = new ArrayList<>();
    for (String candidate : known) {
      int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (d <= limit) {
        close.add(candidate);
        distances.add(d);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < close.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(distances::get));
    List<String> result = new ArrayList<>();
    for (int i = 0; i < order.size() && i < most; i++) {
      result.add(close.get(order.get(i)));
    }
    return result;
  }

  /** The Levenshtein distance: the fewest insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
