package lsr.encoder;

import java.util.Arrays;
import lsr.data.SparseVector;

/**
 * Turns float term weights into integer impacts, round(weight x scale), as Anserini stores SPLADE
 * vectors (scale 100). Terms whose impact rounds to 0 are dropped.
 */
public record ImpactQuantizer(float scale) {

  /** Anserini's scale for SPLADE weights. */
  public static final float DEFAULT_SCALE = 100f;

  public ImpactQuantizer {
    if (!(scale > 0f) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
    }
  }

  /** The vector with each weight replaced by its integer impact (a whole number stored as float). */
  public SparseVector quantize(SparseVector v) {
    int[] ids = new int[v.size()];
    float[] ws = new float[v.size()];
    int n = 0;
    for (int i = 0; i < v.size(); i++) {
      float impact = Math.round(v.weight(i) * scale);
      if (impact > 0f) {
        ids[n] = v.termId(i);
        ws[n++] = impact;
      }
    }
    return SparseVector.of(Arrays.copyOf(ids, n), Arrays.copyOf(ws, n));
  }
}
