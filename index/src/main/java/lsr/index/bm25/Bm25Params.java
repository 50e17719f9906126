package lsr.index.bm25;

/**
 * BM25's query-time knobs. Lucene scores BM25 at search time, so one segment serves any k1 and b.
 *
 * @param k1 term-frequency saturation, {@code >= 0}
 * @param b document-length normalization, in [0, 1]
 */
public record Bm25Params(float k1, float b) {

  /** k1 = 0.9, b = 0.4: Anserini's defaults for MS MARCO and BEIR. */
  public static final Bm25Params DEFAULTS = new Bm25Params(0.9f, 0.4f);

  public Bm25Params {
    if (!(k1 >= 0) || !Float.isFinite(k1)) {
      throw new IllegalArgumentException("k1 must be finite and >= 0, got " + k1);
    }
    if (!(b >= 0 && b <= 1)) {
      throw new IllegalArgumentException("b must be in [0, 1], got " + b);
    }
  }
}
