package lsr.query.fusion;

import java.util.Arrays;

/**
 * One ranked list for one query: external document ids, best first, with their scores.
 *
 * <p>Scores are non-increasing and finite; they may be negative (z-scores, some dense similarities).
 * Ids are distinct: a stage that returns a document twice is a bug worth stopping at.
 *
 * @param ids external document ids as the collection spells them, best first
 * @param scores the score of each id, non-increasing
 */
public record Ranking(String[] ids, float[] scores) {

  public static final Ranking EMPTY = new Ranking(new String[0], new float[0]);

  public Ranking {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException(
          "ids and scores differ in length: " + ids.length + " vs " + scores.length);
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Float.isFinite(scores[i])) {
        throw new IllegalArgumentException("score at rank " + (i + 1) + " is not finite: " + scores[i]);
      }
      if (i > 0 && scores[i] > scores[i - 1]) {
        throw new IllegalArgumentException("scores must be non-increasing, see rank " + (i + 1));
      }
      if (ids[i] == null) {
        throw new IllegalArgumentException("id at rank " + (i + 1) + " is null");
      }
    }
  }

  public int size() {
    return ids.length;
  }

  public String id(int i) {
    return ids[i];
  }

  public float score(int i) {
    return scores[i];
  }

  /** The first {@code k} entries (all of them when there are fewer). */
  public Ranking top(int k) {
    if (k >= ids.length) {
      return this;
    }
    return new Ranking(Arrays.copyOf(ids, k), Arrays.copyOf(scores, k));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ranking r && Arrays.equals(ids, r.ids) && Arrays.equals(scores, r.scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Ranking[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(ids[i]).append('=').append(scores[i]);
    }
    return sb.append(']').toString();
  }
}
