package lsr.encoder;

import java.util.Arrays;
import lsr.data.SparseVector;

/**
 * What a sparse vector keeps after encoding: weights below {@code threshold} are dropped, then at
 * most the {@code topK} largest are kept. Pruning trades a little accuracy for smaller indexes and
 * faster queries.
 *
 * @param topK entries kept at most; 0 keeps all
 * @param threshold smallest weight kept; 0 keeps all
 */
public record SparsePruning(int topK, float threshold) {

  public static final SparsePruning NONE = new SparsePruning(0, 0f);

  public SparsePruning {
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 keeps all), got " + topK);
    }
    if (!(threshold >= 0f) || !Float.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
    }
  }

  public SparseVector apply(SparseVector v) {
    SparseVector kept = v;
    if (threshold > 0f) {
      int[] ids = new int[v.size()];
      float[] ws = new float[v.size()];
      int n = 0;
      for (int i = 0; i < v.size(); i++) {
        if (v.weight(i) >= threshold) {
          ids[n] = v.termId(i);
          ws[n++] = v.weight(i);
        }
      }
      kept = n == v.size() ? v : SparseVector.of(Arrays.copyOf(ids, n), Arrays.copyOf(ws, n));
    }
    return topK > 0 ? kept.topK(topK) : kept;
  }
}
