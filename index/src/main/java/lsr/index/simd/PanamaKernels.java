package lsr.index.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with the Vector API: term ids are widened lane-wise and the query weights gathered,
 * f16 values are decoded with shifts and one exact multiply. Holds a small scratch array for the
 * gather indexes, so an instance belongs to one thread (each searcher makes its own).
 *
 * <p>Tails shorter than a vector run the scalar loop. The dot products sum in lanes and differ
 * from the scalar sums by rounding only; {@link #queryHits} finds exactly what the scalar loop
 * finds.
 */
final class PanamaKernels implements Kernels {

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, VectorShape.forBitSize(LANES * Integer.SIZE));
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * Short.SIZE));
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * Byte.SIZE));
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  /** 2^112 rescales an f16 exponent placed in a float's exponent field (bias 15 to bias 127). */
  private static final float F16_RESCALE = 0x1p112f;

  private static final IntVector LANE_INDEXES = IntVector.zero(INTS).addIndex(1);

  private final ScalarKernels tail = new ScalarKernels();
  private final int[] lanes = new int[LANES];

  /** Whether this hardware has vectors wide enough for the kernels to pay off. */
  static boolean supported() {
    return LANES >= 8 && BYTES.vectorBitSize() >= 64;
  }

  static int lanes() {
    return LANES;
  }

  @Override
  public float dotF32(float[] query, MemorySegment terms, MemorySegment values, long offset, int length) {
    FloatVector acc = FloatVector.zero(FLOATS);
    long i = offset;
    for (long bound = offset + length - LANES; i <= bound; i += LANES) {
      widen(terms, i * Short.BYTES);
      FloatVector q = FloatVector.fromArray(FLOATS, query, 0, lanes, 0);
      FloatVector v = FloatVector.fromMemorySegment(FLOATS, values, i * Float.BYTES, LE);
      acc = q.fma(v, acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    return sum + tail.dotF32(query, terms, values, i, (int) (offset + length - i));
  }

  @Override
  public float dotF16(float[] query, MemorySegment terms, MemorySegment values, long offset, int length) {
    FloatVector acc = FloatVector.zero(FLOATS);
    long i = offset;
    for (long bound = offset + length - LANES; i <= bound; i += LANES) {
      widen(terms, i * Short.BYTES);
      FloatVector q = FloatVector.fromArray(FLOATS, query, 0, lanes, 0);
      IntVector halfBits =
          (IntVector)
              ShortVector.fromMemorySegment(SHORTS, values, i * Short.BYTES, LE)
                  .convertShape(VectorOperators.ZERO_EXTEND_S2I, INTS, 0);
      // Weights are positive and finite: no sign, infinity or NaN to carry over.
      FloatVector v =
          halfBits.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(F16_RESCALE);
      acc = q.fma(v, acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    return sum + tail.dotF16(query, terms, values, i, (int) (offset + length - i));
  }

  @Override
  public int queryHits(float[] query, MemorySegment data, long componentsAt, int length, int[] positions, float[] weights) {
    int count = 0;
    int i = 0;
    for (int bound = length - LANES; i <= bound; i += LANES) {
      widen(data, componentsAt + 2L * i);
      FloatVector q = FloatVector.fromArray(FLOATS, query, 0, lanes, 0);
      VectorMask<Float> hit = q.compare(VectorOperators.NE, 0f);
      // Most entries miss a short query: one test per vector skips them.
      if (hit.anyTrue()) {
        q.compress(hit).intoArray(weights, count);
        LANE_INDEXES.add(i).compress(hit.cast(INTS)).intoArray(positions, count);
        count += hit.trueCount();
      }
    }
    return ScalarKernels.appendHits(query, data, componentsAt, i, length, positions, weights, count);
  }

  /** Widens LANES unsigned 16-bit ids starting at byte {@code at} into {@link #lanes}. */
  private void widen(MemorySegment ids, long at) {
    ShortVector.fromMemorySegment(SHORTS, ids, at, LE)
        .convertShape(VectorOperators.ZERO_EXTEND_S2I, INTS, 0)
        .reinterpretAsInts()
        .intoArray(lanes, 0);
  }

  @Override
  public String name() {
    return "simd-" + FLOATS.vectorBitSize();
  }
}
