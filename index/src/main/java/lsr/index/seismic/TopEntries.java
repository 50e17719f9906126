package lsr.index.seismic;

import java.util.concurrent.ExecutorService;
import lsr.index.Workers;

/**
 * The {@code kmeansDocCut} largest entries of every document, computed once for the whole build:
 * a document sits in up to one list per term, and clustering matches it on these entries in each.
 * Costs {@code docs × kmeansDocCut} (int, float) pairs of memory.
 */
final class TopEntries {

  final int[] terms;
  final float[] values;
  private final int[] lengths;
  private final int cut;

  private TopEntries(int docs, int cut) {
    this.cut = cut;
    this.terms = new int[Math.multiplyExact(docs, cut)];
    this.values = new float[docs * cut];
    this.lengths = new int[docs];
  }

  static TopEntries compute(ForwardIndex forward, int cut, ExecutorService pool, int threads) {
    int docs = forward.docs();
    TopEntries top = new TopEntries(docs, cut);
    int chunk = (docs + threads - 1) / threads;
    Workers.run(pool, threads, w -> {
      for (int d = w * chunk, end = Math.min(docs, d + chunk); d < end; d++) {
        top.select(forward, d);
      }
    });
    return top;
  }

  int start(int doc) {
    return doc * cut;
  }

  int length(int doc) {
    return lengths[doc];
  }

  /** Fills doc's slots by a min-heap of its largest values. */
  private void select(ForwardIndex forward, int doc) {
    int base = doc * cut;
    int size = 0;
    long start = forward.start(doc);
    int length = forward.length(doc);
    for (long e = start; e < start + length; e++) {
      float v = forward.value(e);
      if (size < cut) {
        terms[base + size] = forward.term(e);
        values[base + size] = v;
        up(base, size++);
      } else if (v > values[base]) {
        terms[base] = forward.term(e);
        values[base] = v;
        down(base, size);
      }
    }
    lengths[doc] = size;
  }

  private void up(int base, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (values[base + parent] <= values[base + i]) {
        return;
      }
      swap(base + i, base + parent);
      i = parent;
    }
  }

  private void down(int base, int size) {
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        return;
      }
      if (c + 1 < size && values[base + c + 1] < values[base + c]) {
        c++;
      }
      if (values[base + i] <= values[base + c]) {
        return;
      }
      swap(base + i, base + c);
      i = c;
    }
  }

  private void swap(int a, int b) {
    int t = terms[a];
    terms[a] = terms[b];
    terms[b] = t;
    float v = values[a];
    values[a] = values[b];
    values[b] = v;
  }
}
