package lsr.query.fusion;

/**
 * How one stage's scores are made comparable with another's before a convex combination.
 * Computed per query over the documents the stage returned; a document the stage did not return
 * gets the stage's lowest normalized score (it ranked below everything the stage kept).
 */
public enum Normalization {
  /** (score - min) / (max - min); all 1 when every returned score is equal. */
  MIN_MAX,
  /** (score - mean) / standard deviation; all 0 when every returned score is equal. */
  Z_SCORE;

  /** The normalized score of every candidate of stage {@code s}, indexed like the table's documents. */
  public float[] apply(Candidates candidates, int s) {
    int n = candidates.size();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int count = 0;
    for (int d = 0; d < n; d++) {
      if (candidates.found(s, d)) {
        double x = candidates.score(s, d);
        min = Math.min(min, x);
        max = Math.max(max, x);
        sum += x;
        count++;
      }
    }
    float[] out = new float[n];
    if (count == 0) {
      return out;
    }
    double mean = sum / count;
    double squares = 0;
    for (int d = 0; d < n; d++) {
      if (candidates.found(s, d)) {
        double delta = candidates.score(s, d) - mean;
        squares += delta * delta;
      }
    }
    double std = Math.sqrt(squares / count);
    float lowest = Float.POSITIVE_INFINITY;
    for (int d = 0; d < n; d++) {
      if (candidates.found(s, d)) {
        double x = candidates.score(s, d);
        out[d] = (float) switch (this) {
          case MIN_MAX -> max > min ? (x - min) / (max - min) : 1.0;
          case Z_SCORE -> std > 0 ? (x - mean) / std : 0.0;
        };
        lowest = Math.min(lowest, out[d]);
      }
    }
    for (int d = 0; d < n; d++) {
      if (!candidates.found(s, d)) {
        out[d] = lowest;
      }
    }
    return out;
  }
}
