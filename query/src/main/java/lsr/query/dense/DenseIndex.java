package lsr.query.dense;

import java.util.Set;
import lsr.query.fusion.Ranking;

/**
 * Top-k inner-product search over L2-normalized dense vectors (so scores are cosine similarities).
 * Thread-safe.
 */
public interface DenseIndex extends AutoCloseable {

  int size();

  int dimension();

  /**
   * The {@code k} documents nearest to {@code query} by inner product, best first, among those whose
   * external id is in {@code allowed} (all when null).
   *
   * @throws IllegalArgumentException when the query's dimension differs from the index's
   */
  Ranking search(float[] query, int k, Set<String> allowed);

  /** What sort of index this is, for descriptions: {@code flat} or {@code hnsw}. */
  String kind();

  @Override
  void close();
}
