package lsr.index.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import lsr.index.simd.KernelProvider;
import org.junit.jupiter.api.Test;

/** The fixed-order inner product: the scalar reference is an inner product, and SIMD is the reference. */
class DotProductTest {

  /** Lengths around the 32-float stripes and the 8-float lanes, and real embedding sizes. */
  static final int[] LENGTHS = {0, 1, 7, 8, 13, 31, 32, 33, 64, 207, 384, 702, 768};

  @Test
  void scalarReferenceIsTheInnerProduct() {
    long seed = RandomVectors.seed("scalarReferenceIsTheInnerProduct");
    Random random = new Random(seed);
    for (int n : LENGTHS) {
      for (int round = 0; round < 20; round++) {
        float[] a = gaussian(random, n);
        float[] b = gaussian(random, n);
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
          exact += (double) a[i] * b[i];
          magnitude += Math.abs((double) a[i] * b[i]);
        }
        // A float sum of n products errs by at most about n ulps of the sum of their magnitudes.
        assertEquals(exact, DotProduct.scalar(a, b), 1e-7 * (n + 1) * magnitude, "seed " + seed + ", length " + n);
      }
    }
  }

  /**
   * Bit for bit, on every length, and still after the JIT has compiled the kernel (the reason the
   * order is fixed: an open lane order changes with the JIT tier).
   */
  @Test
  void simdEqualsScalarBitForBitBeforeAndAfterWarmUp() {
    assumeTrue(KernelProvider.simdAvailable(), "the Vector API is not usable here");
    long seed = RandomVectors.seed("simdEqualsScalarBitForBitBeforeAndAfterWarmUp");
    Random random = new Random(seed);
    for (int n : LENGTHS) {
      float[] a = gaussian(random, n);
      float[] b = gaussian(random, n);
      float expected = DotProduct.scalar(a, b);
      int calls = n == 384 ? 200_000 : 100;
      for (int call = 0; call < calls; call++) {
        int at = call;
        assertEquals(expected, PanamaDotProduct.dot(a, b), () -> "seed " + seed + ", length " + n + ", call " + at);
      }
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
