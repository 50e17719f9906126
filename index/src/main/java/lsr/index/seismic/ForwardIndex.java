package lsr.index.seismic;

import java.lang.foreign.MemorySegment;
import lsr.index.simd.Kernels;

/**
 * Every document whole, read from the mapped doc-offsets, doc-terms and doc-values files: the
 * vectors that summaries bound and that search scores exactly.
 */
final class ForwardIndex {

  private final MemorySegment offsets;
  final MemorySegment terms;
  final MemorySegment values;
  final ValueType valueType;
  private final int docs;

  ForwardIndex(MemorySegment offsets, MemorySegment terms, MemorySegment values, ValueType valueType, int docs) {
    this.offsets = offsets;
    this.terms = terms;
    this.values = values;
    this.valueType = valueType;
    this.docs = docs;
  }

  int docs() {
    return docs;
  }

  long start(int doc) {
    return offsets.getAtIndex(SeismicFormat.I64, doc);
  }

  int length(int doc) {
    return (int) (offsets.getAtIndex(SeismicFormat.I64, doc + 1L) - start(doc));
  }

  int term(long entry) {
    return Short.toUnsignedInt(terms.getAtIndex(SeismicFormat.U16, entry));
  }

  float value(long entry) {
    return valueType == ValueType.F32
        ? values.getAtIndex(SeismicFormat.F32, entry)
        : Float.float16ToFloat(values.getAtIndex(SeismicFormat.U16, entry));
  }

  /** Inner product of the dense {@code query} with the document at {@code [offset, offset + length)}. */
  float dot(Kernels kernels, float[] query, long offset, int length) {
    return valueType == ValueType.F32
        ? kernels.dotF32(query, terms, values, offset, length)
        : kernels.dotF16(query, terms, values, offset, length);
  }
}
