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
  static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;

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
  public float summaryDot(float[] query, MemorySegment data, long componentsAt, long codesAt, int length, float min, float step) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      int component = Short.toUnsignedInt(data.get(U16, componentsAt + 2L * i));
      int code = Byte.toUnsignedInt(data.get(U8, codesAt + i));
      sum += query[component] * (min + code * step);
    }
    return sum;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
