package lsr.query.ltr;

import java.util.Locale;

/**
 * Where a reranker's scores start before its trees add to them. With {@link #FUSED_RANK} the model
 * learns a correction of the fused ranking rather than a ranking from nothing: each candidate starts
 * at -log2(1 + its fused rank), the discount nDCG gives that rank, so a model trained on few queries,
 * whose trees learn little, stays close to the fusion instead of drifting to noise.
 */
public enum RankPrior {
  /** Scores are the trees' alone. */
  NONE,
  /** Scores start at -log2(1 + fused rank). */
  FUSED_RANK;

  /** The starting score of the candidate at 0-based {@code position} in the fused ranking. */
  public float value(int position) {
    return this == NONE ? 0f : (float) -(Math.log(position + 2) / Math.log(2));
  }

  /** The name users write: {@code none} or {@code fused-rank}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static RankPrior parse(String label) {
    for (RankPrior p : values()) {
      if (p.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown rank prior '" + label + "'; use none or fused-rank");
  }

  @Override
  public String toString() {
    return label();
  }
}
