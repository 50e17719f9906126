package lsr.index;

import lsr.data.SparseVector;

/**
 * Searches one {@link SparseIndex} from one thread. Not thread-safe: it reuses its scratch space
 * from query to query.
 */
public interface SparseSearcher {

  /**
   * The {@code k} documents with the largest inner product with {@code query} among those
   * {@code mask} accepts, best first; ties go to the smaller document id. Documents whose score is 0
   * (no term shared with the query) are never returned.
   */
  Hits search(SparseVector query, int k, DocMask mask);

  /** {@link #search(SparseVector, int, DocMask)} over all documents. */
  default Hits search(SparseVector query, int k) {
    return search(query, k, DocMask.ALL);
  }
}
