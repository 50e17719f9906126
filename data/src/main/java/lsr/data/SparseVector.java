package lsr.data;

import java.util.Arrays;

/**
 * An immutable sparse vector over a vocabulary: strictly ascending term ids, each with a finite
 * positive weight. Validated once, on construction, so every consumer can rely on the invariant
 * without checking again.
 *
 * <p>The accessors that return arrays return copies; hot loops read entries with {@link #termId}
 * and {@link #weight}, or copy once into their own buffers.
 */
public final class SparseVector {

  /** The vector with no entries. */
  public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

  /** How repeated term ids are combined by {@link #fromUnsorted}. */
  public enum Merge {
    /** Keep the largest weight (uniCOIL documents, SPLADE max pooling). */
    MAX,
    /** Add the weights (uniCOIL queries, repeated tokens of pre-encoded queries). */
    SUM
  }

  private final int[] termIds;
  private final float[] weights;

  private SparseVector(int[] termIds, float[] weights) {
    this.termIds = termIds;
    this.weights = weights;
  }

  /**
   * Makes a vector from term ids that are already strictly ascending.
   *
   * @throws IllegalArgumentException when the arrays differ in length, an id is negative or not
   *     above its predecessor, or a weight is not finite and positive
   */
  public static SparseVector of(int[] termIds, float[] weights) {
    if (termIds.length != weights.length) {
      throw new IllegalArgumentException(
          "term ids and weights differ in length: " + termIds.length + " vs " + weights.length);
    }
    int previous = -1;
    for (int i = 0; i < termIds.length; i++) {
      int id = termIds[i];
      if (id <= previous) {
        throw new IllegalArgumentException(
            id < 0
                ? "negative term id " + id + " at position " + i
                : "term ids must be strictly ascending: " + previous + " then " + id + " at position " + i);
      }
      checkWeight(id, weights[i]);
      previous = id;
    }
    return termIds.length == 0 ? EMPTY : new SparseVector(termIds.clone(), weights.clone());
  }

  /**
   * Makes a vector from entries in any order. Repeated ids are combined by {@code merge}; entries
   * whose weight is zero are dropped (a zero weight carries no information in an inner product).
   */
  public static SparseVector fromUnsorted(int[] termIds, float[] weights, Merge merge) {
    if (termIds.length != weights.length) {
      throw new IllegalArgumentException(
          "term ids and weights differ in length: " + termIds.length + " vs " + weights.length);
    }
    // Sorting (id << 32 | position) as primitive longs orders by id, then by position, without
    // boxing: this runs once per document when millions are read.
    long[] order = new long[termIds.length];
    for (int i = 0; i < order.length; i++) {
      if (termIds[i] < 0) {
        throw new IllegalArgumentException("negative term id " + termIds[i] + " at position " + i);
      }
      order[i] = ((long) termIds[i] << 32) | i;
    }
    Arrays.sort(order);
    int[] ids = new int[termIds.length];
    float[] ws = new float[termIds.length];
    int size = 0;
    for (long packed : order) {
      int id = (int) (packed >>> 32);
      float w = weights[(int) packed];
      if (w == 0f) {
        continue;
      }
      checkWeight(id, w);
      if (size > 0 && ids[size - 1] == id) {
        ws[size - 1] = merge == Merge.MAX ? Math.max(ws[size - 1], w) : ws[size - 1] + w;
      } else {
        ids[size] = id;
        ws[size] = w;
        size++;
      }
    }
    return size == 0 ? EMPTY : new SparseVector(Arrays.copyOf(ids, size), Arrays.copyOf(ws, size));
  }

  private static void checkWeight(int id, float w) {
    if (!(w > 0f) || !Float.isFinite(w)) {
      throw new IllegalArgumentException(
          "weight of term " + id + " must be finite and positive, got " + w);
    }
  }

  /** Number of nonzero entries. */
  public int size() {
    return termIds.length;
  }

  public boolean isEmpty() {
    return termIds.length == 0;
  }

  /** The term id of entry {@code i}, {@code 0 <= i < size()}. */
  public int termId(int i) {
    return termIds[i];
  }

  /** The weight of entry {@code i}, {@code 0 <= i < size()}. */
  public float weight(int i) {
    return weights[i];
  }

  /** A copy of the term ids, strictly ascending. */
  public int[] termIds() {
    return termIds.clone();
  }

  /** A copy of the weights, in the order of {@link #termIds()}. */
  public float[] weights() {
    return weights.clone();
  }

  /** The weight of {@code termId}, or 0 when absent. */
  public float get(int termId) {
    int i = Arrays.binarySearch(termIds, termId);
    return i >= 0 ? weights[i] : 0f;
  }

  /** Inner product by merging the two sorted id lists. */
  public float dot(SparseVector other) {
    float sum = 0f;
    int i = 0;
    int j = 0;
    while (i < termIds.length && j < other.termIds.length) {
      int a = termIds[i];
      int b = other.termIds[j];
      if (a == b) {
        sum += weights[i++] * other.weights[j++];
      } else if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    return sum;
  }

  /** Sum of the weights (all weights are positive). */
  public double l1Norm() {
    double sum = 0;
    for (float w : weights) {
      sum += w;
    }
    return sum;
  }

  /** The {@code k} entries with the largest weights (ties keep the smaller id), still id-ordered. */
  public SparseVector topK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    if (k >= termIds.length) {
      return this;
    }
    Integer[] order = new Integer[termIds.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byWeight = Float.compare(weights[b], weights[a]);
      return byWeight != 0 ? byWeight : Integer.compare(termIds[a], termIds[b]);
    });
    int[] kept = new int[k];
    for (int i = 0; i < k; i++) {
      kept[i] = order[i];
    }
    Arrays.sort(kept);
    int[] ids = new int[k];
    float[] ws = new float[k];
    for (int i = 0; i < k; i++) {
      ids[i] = termIds[kept[i]];
      ws[i] = weights[kept[i]];
    }
    return new SparseVector(ids, ws);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector v
        && Arrays.equals(termIds, v.termIds)
        && Arrays.equals(weights, v.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(termIds) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < termIds.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(termIds[i]).append(':').append(weights[i]);
    }
    return sb.append('}').toString();
  }
}
