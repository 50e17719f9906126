package lsr.index.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The reference implementation: plain loops, one entry at a time, in entry order. Its sums are
 * bit-for-bit those of a term-at-a-time exact search that adds terms in ascending id order, which
 * is what lets tests compare the approximate index with the exhaustive one exactly.
 */
public final class ScalarKernels implements Kernels {

  static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public float dotF32(float[] query, MemorySegment terms, MemorySegment values, long offset, int length) {
    float sum = 0f;
    for (long i = offset, end = offset + length; i < end; i++) {
      int term = Short.toUnsignedInt(terms.getAtIndex(U16, i));
      sum += query[term] * values.getAtIndex(F32, i);
    }
    return sum;
  }

  @Override
  public float dotF16(float[] query, MemorySegment terms, MemorySegment values, long offset, int length) {
    float sum = 0f;
    for (long i = offset, end = offset + length; i < end; i++) {
      int term = Short.toUnsignedInt(terms.getAtIndex(U16, i));
      sum += query[term] * Float.float16ToFloat(values.getAtIndex(U16, i));
    }
    return sum;
  }

  @Override
  public int queryHits(float[] query, MemorySegment data, long componentsAt, int length, int[] positions, float[] weights) {
    return appendHits(query, data, componentsAt, 0, length, positions, weights, 0);
  }

  /** {@link #queryHits} over entries {@code from .. to - 1}, appending after the first {@code count} hits. */
  static int appendHits(
      float[] query, MemorySegment data, long componentsAt, int from, int to, int[] positions, float[] weights, int count) {
    for (int i = from; i < to; i++) {
      float w = query[Short.toUnsignedInt(data.get(U16, componentsAt + 2L * i))];
      if (w != 0f) {
        positions[count] = i;
        weights[count] = w;
        count++;
      }
    }
    return count;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
