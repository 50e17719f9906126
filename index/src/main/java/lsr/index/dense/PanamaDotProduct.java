package lsr.index.dense;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotProduct}'s order computed with the Vector API: each of the four accumulators holds 8
 * stripes. Lane-wise FMA and addition are exact IEEE operations in every JIT tier, so the result is
 * the scalar reference's, bit for bit. Loaded only when the Vector API is present.
 */
final class PanamaDotProduct {

  /** 8 lanes whatever the CPU's widest vectors, so the order, and the result, never depend on it. */
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int L = DotProduct.LANES;

  private PanamaDotProduct() {}

  static float dot(float[] a, float[] b) {
    int striped = a.length - a.length % DotProduct.STRIPES;
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int i = 0; i < striped; i += DotProduct.STRIPES) {
      s0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), s0);
      s1 = FloatVector.fromArray(SPECIES, a, i + L).fma(FloatVector.fromArray(SPECIES, b, i + L), s1);
      s2 = FloatVector.fromArray(SPECIES, a, i + 2 * L).fma(FloatVector.fromArray(SPECIES, b, i + 2 * L), s2);
      s3 = FloatVector.fromArray(SPECIES, a, i + 3 * L).fma(FloatVector.fromArray(SPECIES, b, i + 3 * L), s3);
    }
    FloatVector lanes = s0.add(s1).add(s2.add(s3));
    float sum = 0f;
    // Lane by lane in order: reduceLanes(ADD) would leave the order to the JIT.
    for (int lane = 0; lane < L; lane++) {
      sum += lanes.lane(lane);
    }
    return DotProduct.tail(a, b, striped, sum);
  }
}
