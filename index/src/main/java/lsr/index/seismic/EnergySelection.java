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

  /**
   * Reorders the first {@code n} packed entries so that the smallest prefix whose weights sum to at
   * least {@code energy ×} the total comes first, and returns its length. Every entry of the prefix
   * ranks above every entry after it. With {@code energy >= 1} all {@code n} are kept, unmoved.
   */
  static int selectTop(long[] entries, int n, double energy) {
    if (energy >= 1.0 || n == 0) {
      return n;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weight(entries[i]);
    }
    double target = energy * total;
    double kept = 0;
    int lo = 0;
    int hi = n;
    // Invariant: [0, lo) is kept and sums to `kept` < target; its entries rank above all of
    // [lo, n); the answer lies in (lo, hi].
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
