package lsr.query.fusion;

import java.util.Arrays;

/** Turning per-document scores back into a ranking. */
public final class Rankings {

  private Rankings() {}

  /**
   * The best {@code k} candidates by {@code scores} (indexed like the table's documents). Ties keep
   * the table's order of first appearance, so results are deterministic.
   */
  public static Ranking byScore(Candidates candidates, float[] scores, int k) {
    if (scores.length != candidates.size()) {
      throw new IllegalArgumentException(scores.length + " scores for " + candidates.size() + " candidates");
    }
    String[] ids = new String[candidates.size()];
    for (int d = 0; d < ids.length; d++) {
      ids[d] = candidates.doc(d);
    }
    return byScore(ids, scores, k);
  }

  /** The best {@code k} of {@code ids} by {@code scores}; ties keep the given order. */
  public static Ranking byScore(String[] ids, float[] scores, int k) {
    if (scores.length != ids.length) {
      throw new IllegalArgumentException(scores.length + " scores for " + ids.length + " ids");
    }
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byScore = Float.compare(scores[b], scores[a]);
      return byScore != 0 ? byScore : Integer.compare(a, b);
    });
    int n = Math.min(k, ids.length);
    String[] outIds = new String[n];
    float[] outScores = new float[n];
    for (int i = 0; i < n; i++) {
      outIds[i] = ids[order[i]];
      outScores[i] = scores[order[i]];
    }
    return new Ranking(outIds, outScores);
  }
}
