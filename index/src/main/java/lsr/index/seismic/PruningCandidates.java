package lsr.index.seismic;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Static pruning in two steps, so that memory stays bounded whatever the collection size (unbounded
 * only for {@link PruningStrategy#NONE}):
 *
 * <ol>
 *   <li>while documents arrive ({@link #add}), only counts: a histogram of the weights and the
 *       number of entries of each term;
 *   <li>once all are in, the list size is known ({@link SeismicConfig#postingsPerList}, which may
 *       depend on the collection), the histogram gives the global threshold, and one pass over the
 *       forward index ({@link #collect}) gathers each term's entries at or above it, at most
 *       {@code cap} per list.
 * </ol>
 *
 * <p>An entry travels as (weight bits, doc) packed in a long, so comparing longs compares weights.
 * Each term appends to a buffer a quarter larger than its cap; a full buffer is cut back to its
 * {@code cap} largest by one selection, and the smallest kept key becomes the term's floor, below
 * which later entries are dropped at once.
 */
final class PruningCandidates {

  /** Histogram buckets: the top 15 bits of a positive float (exponent and 7 mantissa bits). */
  private static final int BUCKET_SHIFT = 16;

  private final SeismicConfig config;
  private final long[] histogram = new long[1 << (31 - BUCKET_SHIFT)];
  private int[] termEntries = new int[1024];
  private long entries;

  // Filled by collect.
  private int cap;
  private long[][] buffers;
  private int[] sizes;

  PruningCandidates(SeismicConfig config) {
    this.config = config;
  }

  /** Counts entry (term, weight); weights are positive floats. */
  void add(int term, float weight) {
    if (term >= termEntries.length) {
      termEntries = Arrays.copyOf(termEntries, Math.max(term + 1, termEntries.length * 2));
    }
    histogram[Float.floatToRawIntBits(weight) >>> BUCKET_SHIFT]++;
    termEntries[term]++;
    entries++;
  }

  /** Number of terms with at least one entry. */
  int nonEmptyLists() {
    int n = 0;
    for (int c : termEntries) {
      if (c > 0) {
        n++;
      }
    }
    return n;
  }

  /** The list size the configuration asks for, over the entries added, for {@code share} of a collection. */
  int postingsPerList(double share) {
    return config.postingsPerList(entries, nonEmptyLists(), share);
  }

  /**
   * The weight at or above which entries are kept: the {@code nPostings × lists}-th largest weight
   * of the collection under {@link PruningStrategy#GLOBAL_THRESHOLD} (0 otherwise, or when the
   * budget exceeds the collection). The histogram finds the bucket of that rank; one pass over the
   * stored weights ranks exactly within it.
   */
  float threshold(ForwardIndex forward, int nPostings) {
    if (config.pruning() != PruningStrategy.GLOBAL_THRESHOLD) {
      return 0f;
    }
    long budget = (long) nPostings * nonEmptyLists();
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
    for (long e = 0; e < entries; e++) {
      float v = forward.value(e);
      if (Float.floatToRawIntBits(v) >>> BUCKET_SHIFT == bucket) {
        inBucket[found++] = v;
      }
    }
    Arrays.sort(inBucket, 0, found);
    return inBucket[found - rank];
  }

  /**
   * Gathers every term's entries at or above {@code threshold} from the forward index, at most
   * {@code cap} per term (the largest), for {@link #take}.
   */
  void collect(ForwardIndex forward, float threshold, int nPostings) {
    cap =
        switch (config.pruning()) {
          case GLOBAL_THRESHOLD -> (int) Math.min(Integer.MAX_VALUE - 8, (long) (nPostings * config.maxFraction()));
          case FIXED_SIZE -> nPostings;
          case NONE -> Integer.MAX_VALUE - 8;
        };
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, cap + cap / 4L + 8);
    int terms = termEntries.length;
    buffers = new long[terms][];
    sizes = new int[terms];
    long[] floors = new long[terms];
    Arrays.fill(floors, Long.MIN_VALUE);
    short[] docTerms = new short[SeismicFormat.MAX_DOC_LENGTH];
    float[] docValues = new float[SeismicFormat.MAX_DOC_LENGTH];
    for (int doc = 0; doc < forward.docs(); doc++) {
      int length = read(forward, doc, docTerms, docValues);
      for (int i = 0; i < length; i++) {
        float v = docValues[i];
        if (v < threshold) {
          continue;
        }
        int term = Short.toUnsignedInt(docTerms[i]);
        long key = (long) Float.floatToRawIntBits(v) << 32 | doc;
        if (key < floors[term]) {
          continue;
        }
        long[] buffer = buffers[term];
        int size = sizes[term];
        if (buffer == null || size == buffer.length) {
          if (buffer != null && buffer.length >= limit) {
            size = keepLargest(buffer, size, cap);
            floors[term] = smallest(buffer, size);
          } else {
            int grown = (int) Math.min(limit, Math.max(8, Math.min(termEntries[term], size * 2L)));
            buffer = buffers[term] = Arrays.copyOf(buffer == null ? new long[0] : buffer, grown);
          }
        }
        buffer[size] = key;
        sizes[term] = size + 1;
      }
    }
  }

  /** Copies document {@code doc} into the arrays (decoded weights) and returns its length. */
  private static int read(ForwardIndex forward, int doc, short[] terms, float[] values) {
    long start = forward.start(doc);
    int length = forward.length(doc);
    MemorySegment.copy(forward.terms, SeismicFormat.U16, 2 * start, terms, 0, length);
    for (int i = 0; i < length; i++) {
      values[i] = forward.value(start + i);
    }
    return length;
  }

  /**
   * The documents of {@code term}'s pruned list, ascending, and forgets them; {@link #collect}
   * must have run.
   */
  int[] take(int term) {
    if (term >= buffers.length || buffers[term] == null) {
      return new int[0];
    }
    long[] buffer = buffers[term];
    int size = keepLargest(buffer, sizes[term], cap);
    int[] docs = new int[size];
    for (int i = 0; i < size; i++) {
      docs[i] = (int) buffer[i];
    }
    buffers[term] = null;
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
