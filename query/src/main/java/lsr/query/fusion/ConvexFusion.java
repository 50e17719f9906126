package lsr.query.fusion;

/**
 * A convex combination of normalized scores: sum over stages of weight × normalized score, the
 * weights scaled to sum to 1 so fused scores stay on the normalized scale.
 */
public record ConvexFusion(Normalization normalization) implements Fuser {

  @Override
  public float[] fuse(Candidates candidates, FusionWeights weights) {
    double[] w = weights.forStages(candidates);
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double[] sum = new double[candidates.size()];
    for (int s = 0; s < w.length; s++) {
      if (w[s] == 0) {
        continue;
      }
      float[] normalized = normalization.apply(candidates, s);
      for (int d = 0; d < sum.length; d++) {
        sum[d] += w[s] / total * normalized[d];
      }
    }
    float[] out = new float[sum.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = (float) sum[d];
    }
    return out;
  }
}
