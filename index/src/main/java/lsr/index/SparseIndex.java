package lsr.index;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import lsr.data.SparseVector;

/**
 * A read-only index of sparse vectors, answering top-k inner-product queries. Implementations are
 * thread-safe; each thread searches through its own {@link SparseSearcher}, which holds the scratch
 * space that keeps the search loop free of allocation.
 */
public interface SparseIndex extends AutoCloseable {

  /** Number of documents; dense document ids are {@code 0 .. size() - 1}. */
  int size();

  /** The collection's id of dense document {@code doc}. */
  String externalId(int doc);

  /** A searcher for the calling thread, with this index's default parameters. */
  SparseSearcher newSearcher();

  /** Bytes the index occupies on disk or, for an in-memory index, in memory. */
  long sizeInBytes();

  @Override
  void close();

  /**
   * Searches every query, spreading them over {@code threads} threads with one searcher each.
   * Results come back in query order.
   */
  default List<Hits> searchAll(List<SparseVector> queries, int k, int threads) {
    return searchAll(queries, threads, (searcher, query) -> searcher.search(query, k));
  }

  /**
   * Runs {@code search} for every query over {@code threads} threads, each with its own searcher
   * made by {@link #newSearcher()}; queries are taken in interleaved stripes so each thread gets a
   * similar mix. Results come back in query order.
   */
  default List<Hits> searchAll(
      List<SparseVector> queries, int threads, BiFunction<SparseSearcher, SparseVector, Hits> search) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Hits[] results = new Hits[queries.size()];
    int workers = Math.max(1, Math.min(threads, queries.size()));
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      Workers.run(pool, workers, first -> {
        SparseSearcher searcher = newSearcher();
        for (int q = first; q < results.length; q += workers) {
          results[q] = search.apply(searcher, queries.get(q));
        }
      });
    }
    return List.of(results);
  }
}
