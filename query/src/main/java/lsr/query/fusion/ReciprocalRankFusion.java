package lsr.query.fusion;

/**
 * Reciprocal rank fusion (Cormack, Clarke, Büttcher, SIGIR 2009): each stage adds
 * weight / (rankConstant + rank) for the documents it returned. Scores of different scales need no
 * normalization, which is why it is a robust default.
 *
 * @param rankConstant damps the advantage of the very first ranks; 60 in the original paper
 */
public record ReciprocalRankFusion(int rankConstant) implements Fuser {

  public static final int DEFAULT_RANK_CONSTANT = 60;

  public ReciprocalRankFusion {
    if (rankConstant < 0) {
      throw new IllegalArgumentException("rankConstant must be >= 0, got " + rankConstant);
    }
  }

  public ReciprocalRankFusion() {
    this(DEFAULT_RANK_CONSTANT);
  }

  @Override
  public float[] fuse(Candidates candidates, FusionWeights weights) {
    double[] w = weights.forStages(candidates);
    float[] out = new float[candidates.size()];
    for (int d = 0; d < out.length; d++) {
      double sum = 0;
      for (int s = 0; s < w.length; s++) {
        int rank = candidates.rank(s, d);
        if (rank != 0) {
          sum += w[s] / (rankConstant + rank);
        }
      }
      out[d] = (float) sum;
    }
    return out;
  }
}
