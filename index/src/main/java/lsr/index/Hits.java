package lsr.index;

import java.util.Arrays;

/**
 * The answer to one top-k search: documents by descending score, with what the search cost.
 *
 * @param docs dense document ids of the index that answered, best first
 * @param scores the score of each document in {@code docs}, non-increasing
 * @param cost counters of the work done, for honest benchmarks and tuning
 */
public record Hits(int[] docs, float[] scores, SearchCost cost) {

  public Hits {
    if (docs.length != scores.length) {
      throw new IllegalArgumentException(
          "docs and scores differ in length: " + docs.length + " vs " + scores.length);
    }
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[i - 1]) {
        throw new IllegalArgumentException("scores must be non-increasing, see position " + i);
      }
    }
  }

  public static Hits empty(SearchCost cost) {
    return new Hits(new int[0], new float[0], cost);
  }

  public int size() {
    return docs.length;
  }

  public int doc(int i) {
    return docs[i];
  }

  public float score(int i) {
    return scores[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hits h
        && Arrays.equals(docs, h.docs)
        && Arrays.equals(scores, h.scores)
        && cost.equals(h.cost);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(docs) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "Hits" + Arrays.toString(docs) + Arrays.toString(scores) + " " + cost;
  }
}
