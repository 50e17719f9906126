package lsr.index.seismic;

import java.util.Arrays;

/**
 * Streaming static pruning. While documents arrive, each term keeps only the entries that can
 * survive: its largest {@code cap} entries in a min-heap of (weight bits, doc) packed in a long,
 * and a histogram of all weights finds the global threshold afterwards. Memory is bounded by
 * {@code terms × cap} longs whatever the collection size (unbounded only for
 * {@link PruningStrategy#NONE}).
 */
final class PruningCandidates {

  /** Histogram buckets: the top 15 bits of a positive float (exponent and 7 mantissa bits). */
  private static final int BUCKET_SHIFT = 16;

  private final SeismicConfig config;
  private final int cap;
  private long[][] heaps = new long[1024][];
  private int[] sizes = new int[1024];
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
  }

  /** Offers entry (term, weight) of {@code doc}; weights are positive floats. */
  void add(int term, int doc, float weight) {
    if (term >= heaps.length) {
      int n = Math.max(term + 1, heaps.length * 2);
      heaps = Arrays.copyOf(heaps, n);
      sizes = Arrays.copyOf(sizes, n);
    }
    int bits = Float.floatToRawIntBits(weight);
    histogram[bits >>> BUCKET_SHIFT]++;
    entries++;
    long key = (long) bits << 32 | doc;
    long[] heap = heaps[term];
    int size = sizes[term];
    if (size < cap) {
      if (heap == null || size == heap.length) {
        heap = heaps[term] = Arrays.copyOf(heap == null ? new long[0] : heap, (int) Math.min(cap, Math.max(8, size * 2L)));
      }
      heap[size] = key;
      sizes[term] = size + 1;
      if (config.pruning() != PruningStrategy.NONE) {
        up(heap, size);
      }
    } else if (key > heap[0]) {
      heap[0] = key;
      down(heap, size);
    }
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
    if (term >= heaps.length || heaps[term] == null) {
      return new int[0];
    }
    long[] heap = heaps[term];
    int size = sizes[term];
    int[] docs = new int[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (Float.intBitsToFloat((int) (heap[i] >>> 32)) >= threshold) {
        docs[n++] = (int) heap[i];
      }
    }
    heaps[term] = null;
    docs = Arrays.copyOf(docs, n);
    Arrays.sort(docs);
    return docs;
  }

  private static void up(long[] heap, int i) {
    long key = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  private static void down(long[] heap, int size) {
    long key = heap[0];
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && heap[c + 1] < heap[c]) {
        c++;
      }
      if (key <= heap[c]) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = key;
  }
}
