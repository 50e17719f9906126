package lsr.index.exact;

import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.SparseIndex;
import lsr.index.SparseSearcher;
import lsr.index.TopK;
import lsr.index.VectorCollection;

/**
 * Exhaustive top-k by inner product: the oracle every approximate index is measured against. An
 * in-memory inverted index (term → documents and weights, compressed-row layout) traversed term at
 * a time into a dense accumulator, so every document sharing a term with the query gets its exact
 * score.
 *
 * <p>Query terms are added in ascending term id order, so a document's score is the same float sum,
 * bit for bit, as the scalar forward-index kernel computes for it.
 */
public final class ExactIndex implements SparseIndex {

  private final VectorCollection collection;
  private final long[] termStarts;
  private final int[] postingDocs;
  private final float[] postingValues;

  private ExactIndex(VectorCollection collection, long[] termStarts, int[] postingDocs, float[] postingValues) {
    this.collection = collection;
    this.termStarts = termStarts;
    this.postingDocs = postingDocs;
    this.postingValues = postingValues;
  }

  /** Inverts {@code collection}: one counting pass, one filling pass, no spare capacity. */
  public static ExactIndex build(VectorCollection collection) {
    int dim = collection.dimension();
    int[] terms = collection.terms();
    float[] values = collection.values();
    long[] starts = new long[dim + 1];
    for (int t : terms) {
      starts[t + 1]++;
    }
    for (int t = 0; t < dim; t++) {
      starts[t + 1] += starts[t];
    }
    int[] docs = new int[terms.length];
    float[] weights = new float[terms.length];
    long[] next = starts.clone();
    for (int d = 0; d < collection.size(); d++) {
      for (int i = collection.start(d), end = i + collection.length(d); i < end; i++) {
        int at = (int) next[terms[i]]++;
        docs[at] = d;
        weights[at] = values[i];
      }
    }
    return new ExactIndex(collection, starts, docs, weights);
  }

  @Override
  public int size() {
    return collection.size();
  }

  @Override
  public String externalId(int doc) {
    return collection.id(doc);
  }

  @Override
  public long sizeInBytes() {
    return 8L * termStarts.length + 8L * postingDocs.length;
  }

  @Override
  public SparseSearcher newSearcher() {
    return new Searcher();
  }

  @Override
  public void close() {}

  private final class Searcher implements SparseSearcher {
    private final float[] scores = new float[collection.size()];
    /** Documents with a nonzero accumulator, in first-touch order; reset after every query. */
    private final int[] touched = new int[collection.size()];

    @Override
    public Hits search(SparseVector query, int k, DocMask mask) {
      long start = System.nanoTime();
      TopK top = new TopK(k);
      int touchedCount = 0;
      int lists = 0;
      long postings = 0;
      for (int i = 0; i < query.size(); i++) {
        int term = query.termId(i);
        if (term >= termStarts.length - 1) {
          continue;
        }
        float weight = query.weight(i);
        int from = (int) termStarts[term];
        int to = (int) termStarts[term + 1];
        if (from < to) {
          lists++;
        }
        postings += to - from;
        for (int p = from; p < to; p++) {
          int doc = postingDocs[p];
          if (scores[doc] == 0f) {
            touched[touchedCount++] = doc;
          }
          scores[doc] += weight * postingValues[p];
        }
      }
      for (int i = 0; i < touchedCount; i++) {
        int doc = touched[i];
        float score = scores[doc];
        // A document touched twice (its first product underflowed to 0) is offered once: the
        // reset below makes its second appearance score 0.
        scores[doc] = 0f;
        if (score > 0f && mask.accepts(doc)) {
          top.offer(doc, score);
        }
      }
      long micros = (System.nanoTime() - start) / 1000;
      return top.toHits(new SearchCost(lists, 0, 0, touchedCount, micros));
    }
  }
}
