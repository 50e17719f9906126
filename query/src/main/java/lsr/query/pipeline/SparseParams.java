package lsr.query.pipeline;

/**
 * Query-time knobs of the sparse (Seismic) index that a request may override; null keeps the
 * index's default.
 *
 * @param queryCut how many of the largest query terms choose the posting lists to walk
 * @param heapFactor a block is skipped when its summary score is below heapFactor × the k-th best
 *     score (at most 1: smaller is safer and slower)
 */
public record SparseParams(Integer queryCut, Double heapFactor) {

  public static final SparseParams DEFAULTS = new SparseParams(null, null);

  public SparseParams {
    if (queryCut != null && queryCut < 1) {
      throw new IllegalArgumentException("queryCut must be >= 1, got " + queryCut);
    }
    if (heapFactor != null && !(heapFactor > 0 && heapFactor <= 1)) {
      throw new IllegalArgumentException("heapFactor must be in (0, 1], got " + heapFactor);
    }
  }
}
