package lsr.index.collection;

import java.util.List;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.SearcherPool;
import lsr.index.TopK;
import lsr.index.bm25.Bm25Params;
import lsr.index.dense.HnswVectors;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicSearcher;

/**
 * Top-k searches over every segment of a snapshot, answered in global document numbers: each
 * segment is searched with its mask, and the per-segment top k lists are merged into one (ties to
 * the smaller global number, as in one index holding every segment in order).
 */
public final class SnapshotSearch {

  private SnapshotSearch() {}

  /**
   * The approximate top {@code k} of sparse index {@code index} for {@code query}. Segments are
   * searched in turn sharing one top k: each starts from the k-th best score found so far, so a
   * block that could not enter the final top k is skipped in every segment, as it would be in one.
   */
  public static Hits sparse(Snapshot snapshot, String index, SparseVector query, int k, SearchParams params,
      List<DocMask> masks) {
    long start = System.nanoTime();
    TopK top = new TopK(k);
    long[] cost = new long[4];
    List<Segment> segments = snapshot.segments();
    for (int i = 0; i < segments.size(); i++) {
      SearcherPool<SeismicSearcher> pool = segments.get(i).searchers(index);
      if (pool == null) {
        throw new IllegalArgumentException("the collection has no sparse index '" + index + "'");
      }
      SeismicSearcher searcher = pool.borrow();
      try {
        float floor = top.isFull() ? top.threshold() : 0f;
        Hits hits = searcher.search(query, k, params, masks.get(i), floor);
        offer(top, hits, snapshot.base(i));
        add(cost, hits.cost());
      } finally {
        pool.release(searcher);
      }
    }
    return top.toHits(total(cost, start));
  }

  /** The top {@code k} of dense index {@code index} by inner product (HNSW in segments that have a graph). */
  public static Hits dense(Snapshot snapshot, String index, float[] query, int k, List<DocMask> masks) {
    long start = System.nanoTime();
    TopK top = new TopK(k);
    List<Segment> segments = snapshot.segments();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.dense(index) == null) {
        throw new IllegalArgumentException("the collection has no dense index '" + index + "'");
      }
      HnswVectors graph = s.hnsw(index);
      Hits hits = graph != null ? graph.search(query, k, masks.get(i)) : s.dense(index).search(query, k, masks.get(i));
      offer(top, hits, snapshot.base(i));
    }
    return top.toHits(total(new long[4], start));
  }

  /** The top {@code k} by BM25 with collection-wide statistics. */
  public static Hits bm25(Snapshot snapshot, String query, int k, Bm25Params params, List<DocMask> masks) {
    if (snapshot.segments().isEmpty()) {
      return Hits.empty(SearchCost.NONE);
    }
    return snapshot.bm25(params).search(query, k, masks);
  }

  private static void offer(TopK top, Hits hits, int base) {
    for (int j = 0; j < hits.size(); j++) {
      top.offer(base + hits.doc(j), hits.score(j));
    }
  }

  private static void add(long[] cost, SearchCost c) {
    cost[0] += c.listsVisited();
    cost[1] += c.blocksEvaluated();
    cost[2] += c.blocksSkipped();
    cost[3] += c.docsScored();
  }

  private static SearchCost total(long[] cost, long startNanos) {
    return new SearchCost((int) cost[0], (int) cost[1], (int) cost[2], cost[3], (System.nanoTime() - startNanos) / 1000);
  }
}
