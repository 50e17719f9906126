package lsr.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsr.data.SparseVector;

/**
 * A compact in-memory collection of sparse vectors with their external ids: all entries in two flat
 * arrays, one offset per vector. Used to build several indexes from one read of a file, and as the
 * ground the exact search stands on. Immutable once built.
 */
public final class VectorCollection {

  private final List<String> ids;
  private final long[] offsets;
  private final int[] terms;
  private final float[] values;
  private final int dimension;

  private VectorCollection(List<String> ids, long[] offsets, int[] terms, float[] values, int dimension) {
    this.ids = ids;
    this.offsets = offsets;
    this.terms = terms;
    this.values = values;
    this.dimension = dimension;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A collection of the given vectors, with ids "0", "1", ... */
  public static VectorCollection of(List<SparseVector> vectors) {
    Builder b = builder();
    for (int i = 0; i < vectors.size(); i++) {
      b.add(Integer.toString(i), vectors.get(i));
    }
    return b.build();
  }

  public int size() {
    return ids.size();
  }

  public String id(int doc) {
    return ids.get(doc);
  }

  /** One more than the largest term id of any vector (0 when empty). */
  public int dimension() {
    return dimension;
  }

  /** Total number of entries. */
  public long entries() {
    return offsets[ids.size()];
  }

  public int length(int doc) {
    return (int) (offsets[doc + 1] - offsets[doc]);
  }

  /** Index in {@link #terms()} / {@link #values()} of the first entry of {@code doc}. */
  public int start(int doc) {
    return (int) offsets[doc];
  }

  /** The term ids of all vectors, one after the other; do not modify. */
  public int[] terms() {
    return terms;
  }

  /** The weights parallel to {@link #terms()}; do not modify. */
  public float[] values() {
    return values;
  }

  public SparseVector vector(int doc) {
    int from = start(doc);
    int to = from + length(doc);
    return SparseVector.of(Arrays.copyOfRange(terms, from, to), Arrays.copyOfRange(values, from, to));
  }

  /** Approximate heap bytes held (arrays and ids). */
  public long sizeInBytes() {
    long idBytes = 0;
    for (String id : ids) {
      idBytes += 48 + id.length();
    }
    return idBytes + 8L * offsets.length + 4L * terms.length + 4L * values.length;
  }

  /** Collects vectors in order; not thread-safe. */
  public static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private long[] offsets = new long[1024];
    private int[] terms = new int[1 << 16];
    private float[] values = new float[1 << 16];
    private int used;
    private int dimension;

    public Builder add(String id, SparseVector vector) {
      int n = vector.size();
      if ((long) used + n > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("more than 2^31 entries do not fit an in-memory collection");
      }
      if (used + n > terms.length) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) used + n, terms.length * 3L / 2));
        terms = Arrays.copyOf(terms, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      for (int i = 0; i < n; i++) {
        terms[used + i] = vector.termId(i);
        values[used + i] = vector.weight(i);
      }
      if (n > 0) {
        dimension = Math.max(dimension, vector.termId(n - 1) + 1);
      }
      used += n;
      ids.add(id);
      if (ids.size() >= offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[ids.size()] = used;
      return this;
    }

    public int size() {
      return ids.size();
    }

    public VectorCollection build() {
      return new VectorCollection(
          List.copyOf(ids),
          Arrays.copyOf(offsets, ids.size() + 1),
          Arrays.copyOf(terms, used),
          Arrays.copyOf(values, used),
          dimension);
    }
  }
}
