package lsr.index.dense;

import lsr.index.simd.KernelProvider;

/**
 * The inner product of two float vectors in one fixed order of IEEE operations, so that a score is
 * the same bits on every run, JIT tier and CPU, with SIMD or without. Lucene's
 * {@code VectorUtil.dotProduct} sums its SIMD lanes in an order the Vector API leaves open, and that
 * order changes when the JIT compiles it: the same vectors then score one ulp apart before and after
 * warm-up, and identical vectors need not tie.
 *
 * <p>The order: over the largest multiple of 32 of the length, product i is fused-multiply-added
 * ({@link Math#fma}) into stripe {@code i mod 32}, in ascending i; the stripes are folded into 8
 * lanes, lane l being {@code (s[l] + s[l + 8]) + (s[l + 16] + s[l + 24])}; the lanes are added to
 * 0 in order 0 .. 7; the remaining products are fused-multiply-added onto that sum in ascending i.
 * Four independent 8-lane accumulators are what keeps a SIMD unit busy while each FMA waits for the
 * previous one, and {@link PanamaDotProduct} computes them as vectors; {@link #scalar} is the
 * reference that computes the same operations one at a time.
 */
final class DotProduct {

  /** Chosen once, by the engine's own SIMD switch (the Vector API present, {@code lsr.simd} not false). */
  private static final boolean SIMD = KernelProvider.simd();

  static final int LANES = 8;
  static final int STRIPES = 4 * LANES;

  private DotProduct() {}

  /** The inner product of {@code a} and {@code b}, which have the same length. */
  static float dot(float[] a, float[] b) {
    return SIMD ? PanamaDotProduct.dot(a, b) : scalar(a, b);
  }

  /** The reference: the operations of the fixed order, one at a time. */
  static float scalar(float[] a, float[] b) {
    int striped = a.length - a.length % STRIPES;
    float sum = 0f;
    for (int lane = 0; lane < LANES; lane++) {
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int i = lane; i < striped; i += STRIPES) {
        s0 = Math.fma(a[i], b[i], s0);
        s1 = Math.fma(a[i + LANES], b[i + LANES], s1);
        s2 = Math.fma(a[i + 2 * LANES], b[i + 2 * LANES], s2);
        s3 = Math.fma(a[i + 3 * LANES], b[i + 3 * LANES], s3);
      }
      sum += (s0 + s1) + (s2 + s3);
    }
    return tail(a, b, striped, sum);
  }

  /** The products past the stripes, fused onto {@code sum} in order. */
  static float tail(float[] a, float[] b, int from, float sum) {
    for (int i = from; i < a.length; i++) {
      sum = Math.fma(a[i], b[i], sum);
    }
    return sum;
  }
}
