package lsr.index.simd;

import java.lang.foreign.MemorySegment;

/**
 * The hot loops of sparse search, in one place so that a scalar reference and a SIMD version can be
 * swapped and compared. Every method is pure arithmetic over its arguments and allocates nothing.
 *
 * <p>Layouts are little-endian: term ids are unsigned 16-bit, f16 values are IEEE half precision.
 * Offsets and lengths count entries, not bytes.
 */
public interface Kernels {

  /**
   * Inner product of a dense query with one stored document: the sum over the document's entries of
   * {@code query[term] * value}. Entries whose term is outside {@code query} must not occur.
   *
   * @param query dense query weights indexed by term id, zero where the query has no weight
   * @param terms unsigned 16-bit term ids of the forward index
   * @param values f32 values parallel to {@code terms}
   * @param offset first entry of the document
   * @param length number of entries of the document
   */
  float dotF32(float[] query, MemorySegment terms, MemorySegment values, long offset, int length);

  /** As {@link #dotF32} with IEEE half-precision values. */
  float dotF16(float[] query, MemorySegment terms, MemorySegment values, long offset, int length);

  /**
   * Room past {@code length} that {@link #queryHits} may write in its output arrays (vectors store
   * whole lanes beyond the last hit).
   */
  int HIT_SLACK = 64;

  /**
   * The entries whose component has a query weight: scans {@code length} unsigned 16-bit components
   * from byte {@code componentsAt} of {@code data} and writes, in entry order, the position of each
   * entry whose {@code query[component]} is not zero into {@code positions} and that weight into
   * {@code weights}. Both arrays must hold {@code length + HIT_SLACK} entries. Components outside
   * {@code query} must not occur.
   *
   * @return the number of entries found
   */
  int queryHits(float[] query, MemorySegment data, long componentsAt, int length, int[] positions, float[] weights);

  /** A short name for reports: "scalar" or the SIMD width. */
  String name();
}
