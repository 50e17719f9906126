package lsr.query.ltr;

import java.util.HashMap;
import java.util.Map;

/** The analyzed terms of one text with their counts. Immutable once built. */
public final class TermBag {

  private final Map<String, Integer> counts;
  private final int length;

  private TermBag(Map<String, Integer> counts, int length) {
    this.counts = counts;
    this.length = length;
  }

  public static TermBag of(Iterable<String> terms) {
    Map<String, Integer> counts = new HashMap<>();
    int length = 0;
    for (String t : terms) {
      counts.merge(t, 1, Integer::sum);
      length++;
    }
    return new TermBag(counts, length);
  }

  /** How often {@code term} occurs. */
  public int count(String term) {
    return counts.getOrDefault(term, 0);
  }

  /** Number of terms, repeats included. */
  public int length() {
    return length;
  }

  /** The distinct terms. */
  public Iterable<String> terms() {
    return counts.keySet();
  }
}
