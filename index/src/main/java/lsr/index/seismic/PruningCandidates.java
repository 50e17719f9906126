package lsr.index.seismic;

import java.util.Arrays;

/**
 * Streaming static pruning. While documents arrive, each term keeps only the entries that can
 * survive: at most its largest {@code cap} entries, as (weight bits, doc) packed in a long, and a
 * histogram of all weights finds the global threshold afterwards. Memory is bounded by
 * {@code terms × cap × 5/4} longs whatever the collection size (unbounded only for
 * {@link PruningStrategy#NONE}).
 *
 * <p>Each term appends to a buffer a quarter larger than its cap; a full buffer is cut back to its
 * {@code cap} largest by one selection, and the smallest kept key becomes the term's floor, below
 * which later entries are dropped at once. Appending costs one store per entry (a heap would move
 * entries along a path of scattered cache lines), and the selections add a constant per entry.
 */
final class PruningCandidates {

  /** Histogram buckets: the top 15 bits of a positive float (exponent and 7 mantissa bits). */
  private static final int BUCKET_SHIFT = 16;

  private final SeismicConfig config;
  private final int cap;
  /** Entries a term's buffer holds before it is cut back to {@code cap}. */
  private final int limit;
  private long[][] buffers = new long[1024][];
  private int[] sizes = new int[1024];
  /** Per term, the smallest key it keeps since its last cut (Long.MIN_VALUE before any). */
  private long[] floors = filled(1024, Long.MIN_VALUE);
  private final long[] histogram = new long[1 << (31 - BUCKET_SHIFT)];
  private long entries;

  PruningCandidates(SeismicConfig config) {
    this.config = config;
    this.cap =
        switch (config.pruning()) {
          case GLOBAL_THRESHOLD -> (int) Math.min(Integer.MAX_VALUE - 8, (long) (config.nPostings() * config.maxFraction()));
          case FIXED_SIZE -> config.nPostings();
          case NONE -> Integer.MAX_VALUE - 8;
        };
    this.limit = (int) Math.min(Integer.MAX_VALUE - 8, cap + cap / 4L + 8);
  }

  private static long[] filled(int n, long value) {
    long[] a = new long[n];
    Arrays.fill(a, value);
    return a;
  }

  /** Offers entry (term, weight) of {@code doc}; weights are positive floats. */
  void add(int term, int doc, float weight) {
    if (term >= buffers.length) {
      int n = Math.max(term + 1, buffers.length * 2);
      buffers = Arrays.copyOf(buffers, n);
      sizes = Arrays.copyOf(sizes, n);
      int old = floors.length;
      floors = Arrays.copyOf(floors, n);
      Arrays.fill(floors, old, n, Long.MIN_VALUE);
    }
    int bits = Float.floatToRawIntBits(weight);
    histogram[bits >>> BUCKET_SHIFT]++;
    entries++;
    long key = (long) bits << 32 | doc;
    if (key < floors[term]) {
      return;
    }
    long[] buffer = buffers[term];
    int size = sizes[term];
    if (buffer == null || size == buffer.length) {
      if (buffer != null && buffer.length >= limit) {
        size = keepLargest(buffer, size, cap);
        floors[term] = smallest(buffer, size);
      } else {
        int grown = (int) Math.min(limit, Math.max(8, size * 2L));
        buffer = buffers[term] = Arrays.copyOf(buffer == null ? new long[0] : buffer, grown);
      }
    }
    buffer[size] = key;
    sizes[term] = size + 1;
  }

  /** Number of terms with at least one entry. */
  int nonEmptyLists() {
    int n = 0;
    for (int s : sizes) {
      if (s > 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * The weight at or above which entries are kept: the {@code nPostings × lists}-th largest weight
   * of the collection under {@link PruningStrategy#GLOBAL_THRESHOLD} (0 otherwise, or when the
   * budget exceeds the collection). The histogram finds the bucket of that rank; one pass over the
   * stored weights ranks exactly within it.
   */
  float threshold(ForwardIndex forward, long totalEntries) {
    if (config.pruning() != PruningStrategy.GLOBAL_THRESHOLD) {
      return 0f;
    }
    long budget = (long) config.nPostings() * nonEmptyLists();
    if (budget >= entries) {
      return 0f;
    }
    long above = 0;
    int bucket = histogram.length - 1;
    while (above + histogram[bucket] < budget) {
      above += histogram[bucket--];
    }
    int rank = (int) (budget - above); // 1-based, from the top of the bucket
    float[] inBucket = new float[(int) histogram[bucket]];
    int found = 0;
    for (long e = 0; e < totalEntries; e++) {
      float v = forward.value(e);
      if (Float.floatToRawIntBits(v) >>> BUCKET_SHIFT == bucket) {
        inBucket[found++] = v;
      }
    }
    Arrays.sort(inBucket, 0, found);
    return inBucket[found - rank];
  }

  /**
   * The documents of {@code term}'s list whose weight is at least {@code threshold}, ascending,
   * and forgets the term's candidates.
   */
  int[] take(int term, float threshold) {
    if (term >= buffers.length || buffers[term] == null) {
      return new int[0];
    }
    long[] buffer = buffers[term];
    int size = Math.min(sizes[term], keepLargest(buffer, sizes[term], cap));
    int[] docs = new int[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (Float.intBitsToFloat((int) (buffer[i] >>> 32)) >= threshold) {
        docs[n++] = (int) buffer[i];
      }
    }
    buffers[term] = null;
    docs = Arrays.copyOf(docs, n);
    Arrays.sort(docs);
    return docs;
  }

  /**
   * Moves the {@code keep} largest of {@code a[0, size)} to its front (in any order) and returns how
   * many are kept: quickselect with a median-of-three pivot, partitioning largest first.
   */
  static int keepLargest(long[] a, int size, int keep) {
    if (size <= keep) {
      return size;
    }
    int lo = 0;
    int hi = size - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      long pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      // Now a[lo, j] >= pivot >= a[i, hi], and any entry between j and i equals the pivot.
      if (keep - 1 <= j) {
        hi = j;
      } else if (keep - 1 >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return keep;
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static long smallest(long[] a, int size) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, a[i]);
    }
    return min;
  }
}
