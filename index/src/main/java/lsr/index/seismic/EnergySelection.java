package lsr.index.seismic;

/**
 * Picks the fewest largest values that hold a given share of a vector's L1 mass, in expected
 * linear time (a quickselect driven by the running sum), without sorting the whole vector.
 *
 * <p>Entries travel as one long each, the weight's float bits above the term id: weights are
 * positive, so comparing the longs compares weights (ties broken by term), and a swap moves one
 * word.
 */
final class EnergySelection {

  private EnergySelection() {}

  /** Packs a positive weight and its term into one comparable long. */
  static long pack(float weight, int term) {
    return (long) Float.floatToRawIntBits(weight) << 32 | term;
  }

  static float weight(long entry) {
    return Float.intBitsToFloat((int) (entry >>> 32));
  }

  static int term(long entry) {
    return (int) entry;
  }

  /** Histogram buckets, each an eighth of a power of two of weight below the largest weight. */
  private static final int BUCKETS = 256;
  /** Float bits below the exponent's lowest 3 mantissa bits: one bucket per eighth of an octave. */
  private static final int BUCKET_SHIFT = 20;

  /**
   * Reorders the first {@code n} packed entries so that the smallest prefix whose weights sum to at
   * least {@code energy ×} the total comes first, and returns its length. Every entry of the prefix
   * ranks above every entry after it. With {@code energy >= 1} all {@code n} are kept, unmoved.
   *
   * <p>A histogram of the mass by magnitude (eighths of an octave below the largest weight) finds
   * the bucket where the running mass crosses the target in one pass; the buckets above it are kept
   * whole and only the entries of that bucket are selected one by one. Sums are exact in double
   * (float weights within a few octaves), so the order of summation does not change the answer.
   */
  static int selectTop(long[] entries, int n, double energy) {
    if (energy >= 1.0 || n == 0) {
      return n;
    }
    int top = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      top = Math.max(top, (int) (entries[i] >>> 32));
      total += weight(entries[i]);
    }
    double target = energy * total;
    double[] mass = new double[BUCKETS];
    int topBucket = top >>> BUCKET_SHIFT;
    for (int i = 0; i < n; i++) {
      mass[bucket(entries[i], topBucket)] += weight(entries[i]);
    }
    int boundary = 0;
    double above = 0;
    while (boundary < BUCKETS - 1 && above + mass[boundary] < target) {
      above += mass[boundary++];
    }
    // Buckets before the boundary go first, then the boundary bucket, then the rest.
    int front = 0;
    for (int i = 0; i < n; i++) {
      if (bucket(entries[i], topBucket) < boundary) {
        swap(entries, front++, i);
      }
    }
    int end = front;
    for (int i = front; i < n; i++) {
      if (bucket(entries[i], topBucket) == boundary) {
        swap(entries, end++, i);
      }
    }
    return selectWithin(entries, front, end, above, target);
  }

  private static int bucket(long entry, int topBucket) {
    int bits = (int) (entry >>> 32);
    return Math.min(BUCKETS - 1, topBucket - (bits >>> BUCKET_SHIFT));
  }

  private static void swap(long[] entries, int a, int b) {
    long t = entries[a];
    entries[a] = entries[b];
    entries[b] = t;
  }

  /**
   * Quickselect driven by the running sum over {@code [from, to)}, whose entries all rank below
   * those before {@code from} (which sum to {@code kept}) and above those after {@code to}: returns
   * the end of the smallest prefix reaching {@code target}, reordering the range so that it comes
   * first.
   */
  private static int selectWithin(long[] entries, int from, int to, double kept, double target) {
    int lo = from;
    int hi = to;
    // Invariant: [0, lo) is kept and sums to `kept` < target; its entries rank above all of
    // [lo, to); the answer lies in (lo, hi].
    while (hi - lo > 1) {
      long pivot = entries[lo + (hi - lo) / 2];
      // Partition [lo, hi) into entries ranking above the pivot, then the pivot, then the rest.
      int gt = lo;
      for (int i = lo; i < hi; i++) {
        if (entries[i] > pivot) {
          long t = entries[gt];
          entries[gt++] = entries[i];
          entries[i] = t;
        }
      }
      double greater = 0;
      for (int j = lo; j < gt; j++) {
        greater += weight(entries[j]);
      }
      if (kept + greater >= target) {
        hi = gt;
        continue;
      }
      // The pivot (unique, keys being distinct) comes right after the greater ones.
      for (int i = gt; i < hi; i++) {
        if (entries[i] == pivot) {
          entries[i] = entries[gt];
          entries[gt] = pivot;
          break;
        }
      }
      kept += greater + weight(pivot);
      if (kept >= target) {
        return gt + 1;
      }
      lo = gt + 1;
    }
    return hi;
  }
}
