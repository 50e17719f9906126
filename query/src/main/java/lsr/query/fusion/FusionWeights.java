package lsr.query.fusion;

import java.util.Map;
import java.util.TreeMap;

/**
 * The weight of each stage in a fusion; a stage not named weighs {@link #DEFAULT_WEIGHT}.
 * Weights are finite and non-negative; a weight of 0 leaves a stage out of the fused score.
 */
public record FusionWeights(Map<String, Double> byStage) {

  public static final double DEFAULT_WEIGHT = 1.0;

  /** Every stage weighs the same. */
  public static final FusionWeights EQUAL = new FusionWeights(Map.of());

  public FusionWeights {
    for (Map.Entry<String, Double> e : byStage.entrySet()) {
      double w = e.getValue();
      if (!Double.isFinite(w) || w < 0) {
        throw new IllegalArgumentException(
            "weight of stage " + e.getKey() + " must be finite and >= 0, got " + w);
      }
    }
    byStage = Map.copyOf(new TreeMap<>(byStage));
  }

  public double of(String stage) {
    return byStage.getOrDefault(stage, DEFAULT_WEIGHT);
  }

  /** The weights of the table's stages, in its stage order; fails when they are all 0. */
  double[] forStages(Candidates candidates) {
    double[] w = new double[candidates.stageCount()];
    double total = 0;
    for (int s = 0; s < w.length; s++) {
      w[s] = of(candidates.stages().get(s));
      total += w[s];
    }
    if (w.length > 0 && total == 0) {
      throw new IllegalArgumentException(
          "every fused stage has weight 0 (" + candidates.stages() + "); give at least one a positive weight");
    }
    return w;
  }
}
