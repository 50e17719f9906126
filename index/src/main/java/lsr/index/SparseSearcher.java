package lsr.index;

import lsr.data.SparseVector;
import org.roaringbitmap.RoaringBitmap;

/**
 * Searches one {@link SparseIndex} from one thread. Not thread-safe: it reuses its scratch space
 * from query to query.
 */
public interface SparseSearcher {

  /**
   * The {@code k} documents with the largest inner product with {@code query} among those in
   * {@code allowed} (all documents when {@code allowed} is null), best first; ties go to the smaller
   * document id. Documents whose score is 0 (no term shared with the query) are never returned.
   */
  Hits search(SparseVector query, int k, RoaringBitmap allowed);

  /** {@link #search(SparseVector, int, RoaringBitmap)} over all documents. */
  default Hits search(SparseVector query, int k) {
    return search(query, k, null);
  }
}
